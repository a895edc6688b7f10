package io.github.smtpreply.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {
  private final RuleBook book = RuleBook.standard();

  @Test
  void everyRuleHasAnExample() {
    assertThat(book.rules())
        .allSatisfy(rule -> assertThat(rule.examples()).as(rule.id()).isNotEmpty());
  }

  /** Guards the order of rules.txt: a general rule above a specific one would take its examples. */
  @Test
  void everyExampleIsDecidedByItsOwnRule() {
    List<String> shadowed = new ArrayList<>();
    Classifier classifier = new Classifier(book);
    for (Rule rule : book.rules()) {
      for (String example : rule.examples()) {
        Classification c = classifier.classifyText(example);
        if (!rule.id().equals(c.rule())) {
          shadowed.add(
              rule.id() + " (line " + rule.line() + ") lost to " + c.rule() + ": " + example);
        }
      }
    }
    assertThat(shadowed).isEmpty();
  }

  @Test
  void rejectsUnknownFieldsAndReasonsWithTheLine() {
    assertThatThrownBy(() -> RuleBook.parse(List.of("rule a", "reason nope", "example x"), "t"))
        .hasMessageContaining("t:1")
        .hasMessageContaining("unknown reason 'nope'");
    assertThatThrownBy(() -> RuleBook.parse(List.of("rule a", "colour red", "reason blocked"), "t"))
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(
            () ->
                RuleBook.parse(
                    List.of("rule a", "reason blocked", "rule a", "reason blocked"), "t"))
        .hasMessageContaining("duplicate rule a");
    assertThatThrownBy(() -> RuleBook.parse(List.of("rule a", "code 6xx", "reason blocked"), "t"))
        .hasMessageContaining("bad code pattern");
  }
}
