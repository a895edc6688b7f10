package io.github.smtpreply.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long fuzz run, outside the normal build: {@code fuzz.inputs} (default 1,000,000) replies
 * built from real shapes, mutated byte-wise, through the strict parser, the finder and the
 * classifier. Run: {@code ./mvnw -pl catalog-core test -Dtest=ReplyFuzzTest -Dtest.excludedGroups=}
 *
 * <p>What fails it: any exception other than {@link ReplyFormatException} (it propagates out of the
 * loop), a strict parse that does not survive rendering and parsing again, or a run in which the
 * mutations never produced both accepted and rejected replies (then it tested one path only).
 */
@Tag("long")
class ReplyFuzzTest {
  private static final String[] SEEDS = {
    "250 2.0.0 Ok: queued as 4D5B1A\r\n",
    "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Please try\r\n",
    "host mx.example.com[192.0.2.1] said: 550 5.7.1 blocked (in reply to RCPT TO command)",
    "SMTP error from remote mail server after RCPT TO:<a@b.c>: 552 Too many recipients",
    "Diagnostic-Code: smtp; 421 4.7.28 rate limited",
    "Sorry, no mailbox here by that name. (#5.1.1)",
    "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
    "#550 5.7.606 Access denied ##",
  };
  private static final char[] ALPHABET =
      "0123456789.- \r\n#:;()<>[]x\u0000\uffff\u00e9".toCharArray();

  @Test
  void millionsOfMutatedRepliesNeverThrow() throws java.io.IOException {
    long inputs = Long.getLong("fuzz.inputs", 1_000_000L);
    SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 20261122L));
    Classifier classifier = Classifier.standard();
    long parsed = 0;
    long rejected = 0;
    long withCode = 0;
    for (long n = 0; n < inputs; n++) {
      int edits = random.nextInt(8);
      List<int[]> edit = new ArrayList<>(edits);
      for (int e = 0; e < edits; e++) {
        edit.add(
            new int[] {
              random.nextInt(128), random.nextInt(3), ALPHABET[random.nextInt(ALPHABET.length)]
            });
      }
      String input = ReplyProperties.apply(SEEDS[random.nextInt(SEEDS.length)], edit);
      try {
        Reply reply = ReplyParser.parse(input);
        // Rendered back to the wire and parsed again it is the same reply; toWire writes one code
        // on every line, so only mixedCodes may change.
        assertThat(ReplyParser.parse(reply.toWire()))
            .as("round trip of %s", reply)
            .isEqualTo(new Reply(reply.code(), reply.enhanced(), reply.lines(), false));
        parsed++;
      } catch (ReplyFormatException expected) {
        rejected++;
      }
      Classification c = classifier.classifyText(input);
      if (c.code() != null) {
        withCode++;
      }
    }
    String report =
        String.format(
            java.util.Locale.ROOT,
            "fuzz: %d inputs, %d parsed strictly, %d rejected with ReplyFormatException,"
                + " %d with a code found leniently, 0 unchecked exceptions%n",
            inputs,
            parsed,
            rejected,
            withCode);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fuzz-result.txt"), report);
    assertThat(parsed).as(report).isPositive();
    assertThat(rejected).as(report).isPositive();
    assertThat(withCode).as(report).isPositive();
  }
}
