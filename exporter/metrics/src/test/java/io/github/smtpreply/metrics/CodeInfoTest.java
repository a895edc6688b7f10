package io.github.smtpreply.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.ReplyClass;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Issue 11 §0: every code and status that can be counted has exactly one smtp_code_info row. */
class CodeInfoTest {
  @Test
  void everyCodeAndStatusTheClassifierCanEmitHasOneInfoRow() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true, 100_000);
    metrics.bindTo(registry);
    Classifier classifier = Classifier.standard();
    // Every three-digit code, bare and with a status of each class, and every status of the
    // catalog's subjects and details (0-9 x 0-999 would be 30,000 replies: the index bounds
    // detail by the catalog, so its rows and out-of-catalog neighbours cover every label).
    for (int code = 200; code <= 599; code++) {
      metrics.record(classifier.classifyText(code + " text"), "test", null);
    }
    for (int classDigit : new int[] {2, 4, 5}) {
      for (int subject = 0; subject <= 9; subject++) {
        for (int detail = 0; detail <= 40; detail++) {
          String status = classDigit + "." + subject + "." + detail;
          metrics.record(classifier.classifyText(classDigit + "50 " + status + " text"), "t", null);
        }
      }
      // Microsoft's three-digit details (5.7.606) and a detail beyond any catalog.
      for (int detail : new int[] {500, 505, 508, 509, 510, 512, 513, 515, 606, 705, 708, 999}) {
        String status = classDigit + ".7." + detail;
        metrics.record(classifier.classifyText(classDigit + "50 " + status + " text"), "t", null);
      }
    }
    Set<String> counted = new TreeSet<>();
    Map<String, Integer> infoRows = new HashMap<>();
    Map<String, String> infoClass = new HashMap<>();
    for (Meter meter : registry.getMeters()) {
      String name = meter.getId().getName();
      if (name.equals(SmtpReplyMeters.REPLIES)) {
        counted.add(meter.getId().getTag(SmtpReplyMeters.CODE));
        counted.add(meter.getId().getTag(SmtpReplyMeters.ENHANCED));
      } else if (name.equals(SmtpReplyMeters.CODE_INFO)) {
        String code = meter.getId().getTag(SmtpReplyMeters.CODE);
        infoRows.merge(code, 1, Integer::sum);
        infoClass.put(code, meter.getId().getTag(SmtpReplyMeters.CLASS));
        assertThat(meter.getId().getTag(SmtpReplyMeters.NAME)).as(code).isNotBlank();
      }
    }
    counted.removeAll(Set.of(SmtpReplyMeters.NONE, SmtpReplyMeters.OTHER));
    assertThat(counted).contains("4.7.26", "5.7.26", "5.7.606", "550", "421");
    assertThat(infoRows.keySet()).containsAll(counted);
    assertThat(infoRows).allSatisfy((code, rows) -> assertThat(rows).as(code).isEqualTo(1));
    assertThat(infoClass.get("4.7.26")).isEqualTo(ReplyClass.TRANSIENT.label());
    assertThat(infoClass.get("552")).isEqualTo(ReplyClass.PERMANENT.label());
    // No row for a value the counter cannot carry: the rows are exactly the index's values.
    LabelIndex index = new LabelIndex(io.github.smtpreply.catalog.Catalog.standard());
    assertThat(infoRows).hasSize(index.codeValues() - 2 + index.statusValues() - 2);
  }
}
