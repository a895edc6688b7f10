package io.github.smtpreply.metrics;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.logs.LogEvent;
import io.github.smtpreply.logs.PostfixLogParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The binder's record, a /metrics scrape with 2,000 series, and parsing one Postfix line. Run:
 * {@code ./mvnw -q -pl exporter -am test-compile exec:exec@bench -Djmh.args="ExporterBenchmarks
 * -prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExporterBenchmarks {
  private SmtpReplyMetrics metrics;
  private Classification reply;
  private PrometheusMeterRegistry scrapeRegistry;
  private final PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);
  private static final String LINE =
      "Nov 22 04:55:22 mx1 postfix/smtp[2103]: 4F1A2B3C43: to=<nobody@example.com>,"
          + " relay=mx.example.com[192.0.2.26]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=5.1.1,"
          + " status=bounced (host mx.example.com[192.0.2.26] said: 550 5.1.1 <nobody@example.com>:"
          + " User unknown (in reply to RCPT TO command))";

  @Setup
  public void setUp() {
    metrics = new SmtpReplyMetrics();
    metrics.bindTo(new SimpleMeterRegistry());
    reply = Classifier.standard().classifyText("550 5.1.1 User unknown");
    metrics.record(reply, "postfix", "smtp");

    scrapeRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics many = new SmtpReplyMetrics();
    many.bindTo(scrapeRegistry);
    List<String> texts =
        List.of(
            "550 5.1.1 unknown",
            "250 2.0.0 ok",
            "421 4.7.0 busy",
            "452 4.2.2 full",
            "554 5.7.1 spam");
    // 5 replies x 16 sources x 25 routes = 2,000 series.
    for (int route = 0; route < 25; route++) {
      for (String text : texts) {
        for (int source = 0; source < 16; source++) {
          many.record(Classifier.standard().classifyText(text), "source" + source, "route" + route);
        }
      }
    }
    if (many.series() != 2000) {
      throw new IllegalStateException("expected 2000 series, got " + many.series());
    }
  }

  @Benchmark
  public void binderRecord() {
    metrics.record(reply, "postfix", "smtp");
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String scrape2000Series() {
    return scrapeRegistry.scrape();
  }

  @Benchmark
  public Optional<LogEvent> parsePostfixLine() {
    return parser.parse(LINE);
  }
}
