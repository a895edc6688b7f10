package io.github.smtpreply.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The developers' evaluation tool, kept out of the user's jar: how far {@code classify} and {@code
 * dsn} agree with a labelled table. Run from the repository root:
 *
 * <pre>
 * scripts/score.sh replies ../shared/corpus/dev/replies.tsv [--misses]
 * scripts/score.sh bounces ../shared/corpus/dev/bounces.tsv [--misses]
 * </pre>
 *
 * Exit codes as the CLI's: 0 done, 1 table unreadable, 2 bad command line.
 */
public final class Score {
  static final String USAGE =
      """
      Usage: score replies|bounces TABLE [--misses | --lofo]
        replies: columns reply_text, expected_code, expected_enhanced, expected_reason,
                 expected_class, source
        bounces: columns email_file (relative to the table), recipient_index, expected_status,
                 expected_replycode, expected_reason, expected_hardbounce, expected_action,
                 mta_module, labels_disagree
        --misses lists each disagreement before the totals.
        --lofo prints whole-corpus and leave-one-family-out agreement side by side.
      """;

  private Score() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(args, out, err);
    out.flush();
    System.exit(status);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean misses = rest.remove("--misses");
    boolean lofo = rest.remove("--lofo");
    if (rest.size() != 2 || !(rest.get(0).equals("replies") || rest.get(0).equals("bounces"))) {
      err.print("score: expected replies|bounces and one TABLE, got " + rest + "\n" + USAGE);
      return SmtpReplyCli.USAGE;
    }
    Path table = Path.of(rest.get(1));
    try {
      if (rest.get(0).equals("replies")) {
        try (InputStream in = Files.newInputStream(table)) {
          if (lofo) {
            new ScoreReplies().lofo(in, out);
          } else {
            new ScoreReplies().run(in, out, misses);
          }
        }
      } else {
        if (lofo) {
          new ScoreBounces().lofo(table, out);
        } else {
          new ScoreBounces().run(table, out, misses);
        }
      }
      return SmtpReplyCli.OK;
    } catch (NoSuchFileException e) {
      err.println("score: no such file " + e.getMessage());
      return SmtpReplyCli.INPUT_ERROR;
    } catch (IOException e) {
      err.println("score: cannot read " + table + ": " + e.getMessage());
      return SmtpReplyCli.INPUT_ERROR;
    }
  }
}
