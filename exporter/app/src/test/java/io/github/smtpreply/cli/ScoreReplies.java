package io.github.smtpreply.cli;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code score replies TABLE}: classifies the {@code reply_text} column of a replies table (the dev
 * corpus format: reply_text, expected_code, expected_enhanced, expected_reason, expected_class,
 * source) and prints the agreement for code, enhanced status (real codes only: sisimai's
 * pseudo-statuses with a 9xx detail are skipped), class and reason (through {@code
 * Reason#sisimai()}). With {@code --misses} it lists each disagreement.
 */
final class ScoreReplies {
  private final Classifier classifier = Classifier.standard();

  void run(InputStream table, PrintStream out, boolean showMisses) throws IOException {
    Tally code = new Tally("code");
    Tally enhanced = new Tally("enhanced");
    Tally replyClass = new Tally("class");
    Tally reason = new Tally("reason");
    for (String[] f : LabelledTable.rows(table, 5)) {
      Classification c = classifier.classifyText(f[0]);
      String misses = "";
      misses += code.add(f[1].isEmpty() ? "none" : f[1], c.codeLabel());
      if (!f[2].isEmpty() && !isPseudoStatus(f[2])) {
        misses += enhanced.add(f[2], c.statusLabel());
      }
      if (f[4].equals("success") || f[4].equals("transient") || f[4].equals("permanent")) {
        misses += replyClass.add(f[4], c.replyClass().label());
      }
      if (!f[3].isEmpty() && !f[3].contains(":")) {
        misses += reason.add(f[3], c.reason().sisimai() + "(" + c.reason().label() + ")");
      }
      if (showMisses && !misses.isEmpty()) {
        out.println("MISS" + misses + "\t" + (c.rule() == null ? "-" : c.rule()) + "\t" + f[0]);
      }
    }
    for (Tally t : new Tally[] {code, enhanced, replyClass, reason}) {
      out.println(t);
    }
  }

  /** Whole-corpus and leave-one-family-out agreement (see {@link Lofo}). */
  void lofo(InputStream table, PrintStream out) throws IOException {
    Lofo.report(LabelledTable.rows(table, 5), 5, classifier, ScoreReplies::score, out);
  }

  static List<Lofo.Scored> score(List<String[]> rows, Classifier classifier) {
    List<Lofo.Scored> scored = new ArrayList<>();
    for (String[] f : rows) {
      Classification c = classifier.classifyText(f[0]);
      Map<String, String[]> fields = new LinkedHashMap<>();
      fields.put("code", new String[] {f[1].isEmpty() ? "none" : f[1], c.codeLabel()});
      if (!f[2].isEmpty() && !isPseudoStatus(f[2])) {
        fields.put("enhanced", new String[] {f[2], c.statusLabel()});
      }
      if (f[4].equals("success") || f[4].equals("transient") || f[4].equals("permanent")) {
        fields.put("class", new String[] {f[4], c.replyClass().label()});
      }
      if (!f[3].isEmpty() && !f[3].contains(":")) {
        fields.put("reason", new String[] {f[3], c.reason().sisimai()});
      }
      scored.add(new Lofo.Scored(Lofo.family(f[5]), c.rule(), c.provider(), fields));
    }
    return scored;
  }

  /** sisimai-internal statuses (detail 9xx) never occur in mail: 5.0.910, 4.0.947. */
  static boolean isPseudoStatus(String status) {
    int last = status.lastIndexOf('.');
    return last >= 0 && status.length() - last == 4 && status.charAt(last + 1) == '9';
  }
}
