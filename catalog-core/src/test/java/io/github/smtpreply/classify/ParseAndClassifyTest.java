package io.github.smtpreply.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.ReplyParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The combined path must give what parsing and then classifying gives, on every input. */
class ParseAndClassifyTest {
  private final Classifier classifier = Classifier.standard();

  @Test
  void sameAsParseThenClassifyOnEveryRuleExample() throws ReplyFormatException {
    List<String> inputs = new ArrayList<>();
    for (Rule rule : RuleBook.standard().rules()) {
      inputs.addAll(rule.examples());
    }
    int strict = 0;
    for (String wire : inputs) {
      Classification expected;
      try {
        expected = classifier.classify(ReplyParser.parse(wire));
      } catch (ReplyFormatException e) {
        assertThatThrownBy(() -> classifier.parseAndClassify(wire))
            .isInstanceOf(ReplyFormatException.class)
            .hasMessage(e.getMessage());
        continue;
      }
      strict++;
      assertThat(classifier.parseAndClassify(wire)).as(wire).isEqualTo(expected);
      // Twice: the per-thread hit buffer must come back clean.
      assertThat(classifier.parseAndClassify(wire)).as(wire).isEqualTo(expected);
    }
    assertThat(strict).isGreaterThan(50);
  }

  @Test
  void multiLineRepliesJoinTheirLines() throws ReplyFormatException {
    for (String wire :
        List.of(
            "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
                + "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
                + "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\r\n",
            "452-4.2.2 The email account that you tried to reach is over quota.\n"
                + "451 4.2.2 Please direct the recipient to https://support.google.com/mail\n",
            "250 2.0.0 Ok: queued as 4D5B1A2B3C\r\n")) {
      assertThat(classifier.parseAndClassify(wire))
          .as(wire)
          .isEqualTo(classifier.classify(ReplyParser.parse(wire)));
    }
  }

  @Test
  void rejectsWhatTheParserRejects() {
    for (String wire : List.of("", "55 short", "550-unterminated", "650 out of range", "550\rx")) {
      assertThatThrownBy(() -> classifier.parseAndClassify(wire))
          .as(wire)
          .isInstanceOf(ReplyFormatException.class);
    }
  }
}
