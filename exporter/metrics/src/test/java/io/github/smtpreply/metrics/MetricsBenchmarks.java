package io.github.smtpreply.metrics;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The binder's record of an existing series, of a combination folded into an overflow series (a
 * full binder under attack), and a /metrics scrape with 2,000 series. Run: {@code ./mvnw -q install
 * -DskipTests && ./mvnw -q -pl exporter/metrics test-compile exec:exec@bench
 * -Djmh.args="MetricsBenchmarks -prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsBenchmarks {
  private SmtpReplyMetrics metrics;
  private Classification reply;
  private PrometheusMeterRegistry scrapeRegistry;
  private SmtpReplyMetrics full;
  private Classification folded;

  @Setup
  public void setUp() {
    metrics = new SmtpReplyMetrics();
    metrics.bindTo(new SimpleMeterRegistry());
    reply = Classifier.standard().classifyText("550 5.1.1 User unknown");
    metrics.record(reply, "postfix", "smtp");

    full = new SmtpReplyMetrics(List.of(), false, 64);
    SimpleMeterRegistry fullRegistry = new SimpleMeterRegistry();
    full.bindTo(fullRegistry);
    List<Classification> attack = SeriesBoundTest.attack(10_000, 5);
    for (Classification c : attack) {
      full.record(c, "postfix", "smtp");
    }
    folded = attack.get(attack.size() - 1);
    double before = fullRegistry.get(SmtpReplyMeters.OVERFLOWED).counter().count();
    full.record(folded, "postfix", "smtp");
    if (full.series() > 64
        || fullRegistry.get(SmtpReplyMeters.OVERFLOWED).counter().count() != before + 1) {
      throw new IllegalStateException("expected a full binder that folds, " + full.series());
    }

    scrapeRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics many = new SmtpReplyMetrics(List.of(), false, 4_000);
    many.bindTo(scrapeRegistry);
    List<String> texts =
        List.of(
            "550 5.1.1 unknown",
            "250 2.0.0 ok",
            "421 4.7.0 busy",
            "452 4.2.2 full",
            "554 5.7.1 spam");
    // 5 replies x 16 sources x 25 routes = 2,000 series (the limit raised to hold them).
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

  /** A new combination on a full binder: a missed lookup, the overflow series and its count. */
  @Benchmark
  public void binderRecordFolded() {
    full.record(folded, "postfix", "smtp");
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String scrape2000Series() {
    return scrapeRegistry.scrape();
  }
}
