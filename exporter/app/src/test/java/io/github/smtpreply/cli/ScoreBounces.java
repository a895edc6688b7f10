package io.github.smtpreply.cli;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.bounce.BounceRecipient;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code score bounces TABLE}: reads every email of a bounces table (the dev corpus format:
 * email_file, recipient_index, expected_status, expected_replycode, expected_reason,
 * expected_hardbounce, expected_action, mta_module, labels_disagree; email paths relative to the
 * table) and prints the agreement on reply code, status (real codes only), class (from the expected
 * status's first digit) and reason (through {@code Reason#sisimai()}). With {@code --misses} it
 * lists each disagreement.
 */
final class ScoreBounces {
  private final BounceReader reader = BounceReader.standard();

  /** Whole-corpus and leave-one-family-out agreement (see {@link Lofo}). */
  void lofo(Path table, PrintStream out) throws IOException {
    Path folder = table.toAbsolutePath().getParent();
    List<String[]> rows;
    try (InputStream in = Files.newInputStream(table)) {
      rows = LabelledTable.rows(in, 9);
    }
    Lofo.report(
        rows, 0, Classifier.standard(), (part, classifier) -> score(folder, part, classifier), out);
  }

  static List<Lofo.Scored> score(Path folder, List<String[]> rows, Classifier classifier) {
    BounceReader reader = BounceReader.with(classifier);
    Map<String, List<BounceRecipient>> read = new HashMap<>();
    List<Lofo.Scored> scored = new ArrayList<>();
    for (String[] f : rows) {
      List<BounceRecipient> recipients =
          read.computeIfAbsent(
              f[0],
              file -> {
                List<BounceRecipient> all = new ArrayList<>();
                try (InputStream email = Files.newInputStream(folder.resolve(file))) {
                  for (Bounce bounce : reader.readMailbox(email)) {
                    all.addAll(bounce.recipients());
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                return all;
              });
      int index = f[1].matches("[1-9][0-9]{0,5}") ? Integer.parseInt(f[1]) : 0;
      BounceRecipient r =
          index >= 1 && index <= recipients.size() ? recipients.get(index - 1) : null;
      Classification c = r == null ? null : r.classification();
      Map<String, String[]> fields = new java.util.LinkedHashMap<>();
      fields.put(
          "code", new String[] {f[3].isEmpty() ? "none" : f[3], c == null ? "-" : c.codeLabel()});
      if (!f[2].isEmpty() && !ScoreReplies.isPseudoStatus(f[2])) {
        fields.put("status", new String[] {f[2], c == null ? "-" : c.statusLabel()});
      }
      if (!f[2].isEmpty()) {
        String expected =
            switch (f[2].charAt(0)) {
              case '2' -> "success";
              case '4' -> "transient";
              default -> "permanent";
            };
        fields.put("class", new String[] {expected, c == null ? "-" : c.replyClass().label()});
      }
      if (!f[4].isEmpty()) {
        fields.put("reason", new String[] {f[4], c == null ? "-" : c.reason().sisimai()});
      }
      scored.add(
          new Lofo.Scored(
              Lofo.family(f[0]),
              c == null ? null : c.rule(),
              c == null ? null : c.provider(),
              fields));
    }
    return scored;
  }

  void run(Path table, PrintStream out, boolean showMisses) throws IOException {
    Tally code = new Tally("code");
    Tally status = new Tally("status");
    Tally replyClass = new Tally("class");
    Tally reason = new Tally("reason");
    Map<String, List<BounceRecipient>> read = new HashMap<>();
    Path folder = table.toAbsolutePath().getParent();
    List<String[]> rows;
    try (InputStream in = Files.newInputStream(table)) {
      rows = LabelledTable.rows(in, 9);
    }
    for (String[] f : rows) {
      List<BounceRecipient> recipients = read.get(f[0]);
      if (recipients == null) {
        // An mbox file's recipients are numbered on across its messages.
        recipients = new ArrayList<>();
        try (InputStream email = Files.newInputStream(folder.resolve(f[0]))) {
          for (Bounce bounce : reader.readMailbox(email)) {
            recipients.addAll(bounce.recipients());
          }
        }
        read.put(f[0], recipients);
      }
      int index = f[1].matches("[1-9][0-9]{0,5}") ? Integer.parseInt(f[1]) : 0;
      BounceRecipient r =
          index >= 1 && index <= recipients.size() ? recipients.get(index - 1) : null;
      Classification c = r == null ? null : r.classification();
      String misses = "";
      misses += code.add(f[3].isEmpty() ? "none" : f[3], c == null ? "missing" : c.codeLabel());
      if (!f[2].isEmpty() && !ScoreReplies.isPseudoStatus(f[2])) {
        misses += status.add(f[2], c == null ? "missing" : c.statusLabel());
      }
      if (!f[2].isEmpty()) {
        String expected =
            switch (f[2].charAt(0)) {
              case '2' -> "success";
              case '4' -> "transient";
              default -> "permanent";
            };
        misses += replyClass.add(expected, c == null ? "missing" : c.replyClass().label());
      }
      if (!f[4].isEmpty()) {
        misses +=
            reason.add(
                f[4],
                c == null ? "missing" : c.reason().sisimai() + "(" + c.reason().label() + ")");
      }
      if (showMisses && !misses.isEmpty()) {
        String rule = c == null || c.rule() == null ? "-" : c.rule();
        String text = c == null ? "no recipient " + f[1] + " read" : c.text();
        out.println(
            "MISS\t"
                + f[0]
                + "#"
                + f[1]
                + " "
                + f[7]
                + misses
                + "\t"
                + rule
                + "\t"
                + Cli.printable(text.replace('\n', ' ')));
      }
    }
    for (Tally t : new Tally[] {code, status, replyClass, reason}) {
      out.println(t);
    }
  }
}
