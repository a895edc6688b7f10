package io.github.smtpreply.cli;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code classify}: reply texts, one per line, to TSV {@code code enhanced class reason stage}. The
 * {@code enhanced} column is the effective status (as received, else as MTAs assign it); with
 * {@code --as-received} only a status present in the text is printed.
 */
final class ClassifyCommand {
  static final String HEADER = "code\tenhanced\tclass\treason\tstage";

  private final Classifier classifier = Classifier.standard();
  private final boolean asReceived;

  ClassifyCommand(boolean asReceived) {
    this.asReceived = asReceived;
  }

  void run(List<String> texts, InputStream stdin, PrintStream out) throws IOException {
    out.println(HEADER);
    if (!texts.isEmpty()) {
      for (String text : texts) {
        out.println(row(classifier.classifyText(text)));
      }
      return;
    }
    out.flush();
    try (LineInput in = new LineInput(stdin)) {
      for (String line = in.next(); line != null; line = in.next()) {
        out.println(row(classifier.classifyText(line)));
        out.flush(); // a row per line typed, as it is read
      }
    }
  }

  String row(Classification c) {
    return c.codeLabel()
        + '\t'
        + (asReceived ? c.enhancedLabel() : c.statusLabel())
        + '\t'
        + c.replyClass().label()
        + '\t'
        + c.reason().label()
        + '\t'
        + c.stage().label();
  }
}
