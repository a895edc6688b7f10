package io.github.smtpreply.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.input.LogInput;
import io.github.smtpreply.logs.LogEvent;
import io.github.smtpreply.logs.PostfixLogParser;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 §4: 114,000 Postfix lines whose remote replies combine valid codes, statuses, rule
 * phrases and stages made 87,351 series and an 11.5 MB /metrics. Read through the exporter's own
 * parser and log input, they now stay within the series limit. (Ingest speed is measured, not
 * asserted: see the report's command with {@link AdversarialPostfixLog}.)
 */
class AdversarialLogTest {
  private static final int LINES = 120_000;

  @Test
  void anAdversarialPostfixLogStaysWithinTheSeriesLimit() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true);
    metrics.bindTo(registry);
    PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);
    LogInput input =
        new LogInput("adversarial.log", SmtpReplyMeters.SOURCE_POSTFIX, parser, metrics, registry);
    AdversarialPostfixLog log = new AdversarialPostfixLog(9);
    Set<String> combinations = new HashSet<>();
    for (int n = 0; n < LINES; n++) {
      String line = log.next(n);
      LogEvent event = parser.parse(line).orElseThrow(() -> new AssertionError(line));
      var r = event.reply();
      combinations.add(r.codeLabel() + r.statusLabel() + r.replyClass() + r.reason() + r.stage());
      input.acceptNow(line);
    }
    // The log is an attack: unbounded, its combinations would be tens of thousands of series.
    assertThat(combinations).hasSizeGreaterThan(20 * SmtpReplyMetrics.DEFAULT_MAX_SERIES);

    List<Counter> series = List.copyOf(registry.find(SmtpReplyMeters.REPLIES).counters());
    assertThat(series).hasSizeLessThanOrEqualTo(SmtpReplyMetrics.DEFAULT_MAX_SERIES);
    assertThat(series.stream().mapToDouble(Counter::count).sum()).isEqualTo(LINES);
    double folded =
        registry.get(SmtpReplyMeters.OVERFLOWED).tag("source", "postfix").counter().count();
    assertThat(folded).isGreaterThan(LINES / 2.0);
    assertThat(
            registry
                .find(SmtpReplyMeters.REPLIES)
                .tags("stage", "other", "source", "postfix", "route", "smtp")
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum())
        .isEqualTo(folded);
    // /metrics: the replies, ~300 code info gauges and the log's own counters, under 500 KB.
    String scrape = registry.scrape();
    assertThat(scrape.length()).isLessThan(500_000);
  }
}
