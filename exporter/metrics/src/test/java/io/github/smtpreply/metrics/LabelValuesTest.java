package io.github.smtpreply.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.Stage;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DESIGN.md: label values are lower snake_case, or a code or status. */
class LabelValuesTest {
  private static final Pattern SNAKE = Pattern.compile("[a-z0-9_.]+");
  private static final Pattern CODE_OR_STATUS =
      Pattern.compile("[2-5]\\d\\d|[245]\\.\\d{1,3}\\.\\d{1,3}");

  @Test
  void everyValueOfEveryIndexIsSnakeCaseOrACode() {
    LabelIndex index = new LabelIndex(Catalog.standard());
    List<String> values = new ArrayList<>();
    for (int i = 0; i < index.codeValues(); i++) {
      values.add(index.codeLabel(i));
    }
    for (int i = 0; i < index.statusValues(); i++) {
      values.add(index.statusLabel(i));
    }
    for (ReplyClass c : ReplyClass.values()) {
      if (SmtpReplyMetrics.classIndex(c) >= 0) {
        values.add(c.label());
      }
    }
    for (int i = 0; i <= Reason.values().length; i++) {
      values.add(SmtpReplyMetrics.reasonLabel(i));
    }
    for (int i = 0; i <= Stage.values().length; i++) {
      values.add(SmtpReplyMetrics.stageLabel(i));
    }
    assertThat(values).hasSize(51 + 383 + 4 + 37 + 11);
    assertThat(values)
        .allSatisfy(
            v ->
                assertThat(SNAKE.matcher(v).matches() || CODE_OR_STATUS.matcher(v).matches())
                    .as(v)
                    .isTrue());
  }

  @Test
  void sourcesAndRoutesBecomeSnakeCaseOrOther() {
    BoundedLabels routes = new BoundedLabels(8);
    assertThat(routes.label(routes.index("Invoice-Route"))).isEqualTo("invoice_route");
    assertThat(routes.index("invoice_route")).isEqualTo(routes.index("Invoice-Route"));
    assertThat(routes.label(routes.index("direct:bounce.reader")))
        .isEqualTo("direct_bounce.reader");
    assertThat(routes.label(routes.index("remote_smtp"))).isEqualTo("remote_smtp");
    assertThat(routes.index("mx.example.com said hello")).isEqualTo(BoundedLabels.OTHER);
    assertThat(routes.index("ünïcode")).isEqualTo(BoundedLabels.OTHER);
    assertThat(routes.index("x".repeat(65))).isEqualTo(BoundedLabels.OTHER);
    assertThat(routes.index("NONE")).isEqualTo(BoundedLabels.NONE);
    assertThat(routes.index(null)).isEqualTo(BoundedLabels.NONE);
    for (int i = 0; i < 20; i++) {
      routes.index("Route-" + i);
    }
    assertThat(routes.index("Route-19")).isEqualTo(BoundedLabels.OTHER);
    // Spellings are remembered up to 4 × max; later ones are other without taking the lock.
    for (int i = 0; i < 10; i++) {
      routes.index("spelling-" + i);
    }
    assertThat(routes.index("Invoice_Route")).isEqualTo(BoundedLabels.OTHER);
    assertThat(routes.index("Invoice-Route")).isNotEqualTo(BoundedLabels.OTHER);
  }

  @Test
  void everyLabelValueARegistryReceivesIsSnakeCaseOrACode() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true, 1000);
    metrics.bindTo(registry);
    Classifier classifier = Classifier.standard();
    String[] sources = {"Camel", "DSN", "post-fix", "a b", "", null};
    String[] routes = {"Invoice-Route", "direct:x", "relay", "<script>", null};
    int i = 0;
    for (var reply : SeriesBoundTest.attack(5_000, 3)) {
      metrics.record(reply, sources[i % sources.length], routes[i++ % routes.length]);
    }
    metrics.record(classifier.classifyText("hello world"), "Exim", "Remote-SMTP");
    metrics.record(classifier.classifyText("599 9.9.9 strange"), "Exim", "Remote-SMTP");
    List<String> values = new ArrayList<>();
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        if (!tag.getKey().equals(SmtpReplyMeters.NAME)) { // smtp_code_info's display title
          values.add(tag.getValue());
        }
      }
    }
    assertThat(values).hasSizeGreaterThan(1000);
    assertThat(values)
        .allSatisfy(
            v ->
                assertThat(SNAKE.matcher(v).matches() || CODE_OR_STATUS.matcher(v).matches())
                    .as(v)
                    .isTrue());
  }
}
