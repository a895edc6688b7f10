package io.github.smtpreply.series;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.text.DataFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A Postfix log whose remote servers choose their replies to make as many label combinations as
 * they can (issue 9 §4): only codes and statuses of the catalog, phrases of the rule book and the
 * stage framings Postfix writes, each delivery combining them at random. Write one with {@code java
 * -cp exporter/app/target/smtp-reply-exporter.jar:exporter/app/target/test-classes
 * io.github.smtpreply.series.AdversarialPostfixLog 114000 adversarial.log}.
 */
final class AdversarialPostfixLog {
  private final List<String> codes = new ArrayList<>();
  private final List<String> statuses = new ArrayList<>();
  private final List<String> phrases = new ArrayList<>();
  private final List<String> stages = new ArrayList<>();
  private final SplittableRandom random;

  AdversarialPostfixLog(long seed) {
    this.random = new SplittableRandom(seed);
    for (var entry : Catalog.standard().entries()) {
      if (entry instanceof BasicCodeEntry basic && basic.code().value() / 100 != 3) {
        codes.add(basic.id());
      } else if (entry instanceof EnhancedCodeEntry enhanced) {
        statuses.add(enhanced.subject() + "." + enhanced.detail());
      }
    }
    // The first phrase of each text condition: what the rule book turns into a reason.
    for (String line : DataFiles.lines(Classifier.class, "rules.txt")) {
      if (line.startsWith("text \"")) {
        phrases.add(line.substring(6, line.indexOf('"', 6)));
      }
    }
    for (String[] row : DataFiles.tsv(ReplyFinder.class, "stage-phrases.tsv", 2)) {
      if (row[0].startsWith("in reply to")) {
        stages.add(row[0]);
      }
    }
  }

  /** The next delivery line: a reply from a remote server, as Postfix's smtp client logs it. */
  String next(int n) {
    String code = pick(codes);
    int classDigit = code.charAt(0) - '0';
    String status = classDigit + "." + pick(statuses);
    String word = classDigit == 2 ? "sent" : classDigit == 4 ? "deferred" : "bounced";
    return String.format(
        Locale.ROOT,
        "Mar  3 10:%02d:%02d mx1 postfix/smtp[%d]: %09X: to=<user%d@example.org>,"
            + " relay=mx.example.net[192.0.2.25]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=%s,"
            + " status=%s (host mx.example.net[192.0.2.25] said: %s %s %s (%s))",
        (n / 60) % 60,
        n % 60,
        1000 + n % 9000,
        n,
        n,
        status,
        word,
        code,
        status,
        pick(phrases),
        pick(stages));
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  public static void main(String[] args) throws IOException {
    int lines = Integer.parseInt(args[0]);
    AdversarialPostfixLog log = new AdversarialPostfixLog(9);
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (int n = 0; n < lines; n++) {
        out.write(log.next(n));
        out.write('\n');
      }
    }
  }
}
