package io.github.smtpreply.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 9 §4: the product of the labels is bounded by a global series limit. */
class SeriesBoundTest {
  /** Every catalog code with every catalog status of its class, reason and stage: ~4 million. */
  private static final List<Classification> ATTACK = attack(200_000, 9);

  /** Crafted replies a remote server could provoke: only valid codes, statuses and reasons. */
  static List<Classification> attack(int n, long seed) {
    Catalog catalog = Catalog.standard();
    List<ReplyCode> codes = new ArrayList<>();
    List<EnhancedCodeEntry> statuses = new ArrayList<>();
    for (var entry : catalog.entries()) {
      if (entry instanceof BasicCodeEntry basic) {
        codes.add(basic.code());
      } else if (entry instanceof EnhancedCodeEntry enhanced) {
        statuses.add(enhanced);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Classification> replies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ReplyCode code = codes.get(random.nextInt(codes.size()));
      EnhancedCodeEntry e = statuses.get(random.nextInt(statuses.size()));
      int classDigit = code.value() / 100;
      // Enhanced statuses have no class 3: an intermediate reply carries none.
      EnhancedStatus status =
          classDigit == 3 ? null : EnhancedStatus.of(classDigit, e.subject(), e.detail());
      Reason reason = Reason.values()[random.nextInt(Reason.values().length)];
      Stage stage = Stage.values()[random.nextInt(Stage.values().length)];
      replies.add(
          new Classification(
              code,
              status,
              status,
              ReplyClass.ofDigit(classDigit),
              reason,
              stage,
              null,
              null,
              Set.of(),
              code + " " + status));
    }
    return replies;
  }

  @Test
  void foldsCombinationsBeyondTheLimitIntoOverflowSeriesThatKeepClassSourceAndRoute() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), false, 500);
    metrics.bindTo(registry);
    for (Classification reply : ATTACK) {
      metrics.record(reply, "postfix", "smtp");
    }

    List<Counter> series = List.copyOf(registry.find(SmtpReplyMeters.REPLIES).counters());
    // Three quarters for combinations, then one overflow series per class.
    assertThat(series).hasSize(375 + 4);
    assertThat(metrics.series()).isEqualTo(379);
    // Nothing is lost, and a dashboard summing by class sees what was recorded.
    Map<String, Double> byClass =
        series.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.getId().getTag(SmtpReplyMeters.CLASS),
                    Collectors.summingDouble(Counter::count)));
    Map<String, Double> expected =
        ATTACK.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.replyClass().label(), Collectors.summingDouble(r -> 1.0)));
    assertThat(byClass).isEqualTo(expected);
    List<Counter> overflow =
        series.stream().filter(c -> "other".equals(c.getId().getTag("stage"))).toList();
    assertThat(overflow)
        .hasSize(4)
        .allSatisfy(
            c -> {
              assertThat(c.getId().getTag("code")).isEqualTo("other");
              assertThat(c.getId().getTag("enhanced")).isEqualTo("other");
              assertThat(c.getId().getTag("reason")).isEqualTo("other");
              assertThat(c.getId().getTag("source")).isEqualTo("postfix");
              assertThat(c.getId().getTag("route")).isEqualTo("smtp");
            });
    double folded = overflow.stream().mapToDouble(Counter::count).sum();
    assertThat(folded).isGreaterThan(ATTACK.size() / 2.0);
    assertThat(registry.get(SmtpReplyMeters.OVERFLOWED).tag("source", "postfix").counter().count())
        .isEqualTo(folded);
  }

  @Test
  void theLimitHoldsWhenEverySourceAndRouteNeedsItsOwnOverflowSeries() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), false, 64);
    metrics.bindTo(registry);
    int i = 0;
    for (Classification reply : ATTACK) {
      metrics.record(reply, "source" + (i % 20), "route" + (i++ % 70));
    }
    assertThat(registry.find(SmtpReplyMeters.REPLIES).counters()).hasSize(64);
    assertThat(total(registry)).isEqualTo(ATTACK.size());
    // The reserved last resort: class kept, everything else other.
    assertThat(
            registry
                .find(SmtpReplyMeters.REPLIES)
                .tags("source", "other", "route", "other", "stage", "other")
                .counters())
        .hasSize(4);
  }

  @Test
  void aFullBinderKeepsTheScrapeAndTheRegistrySmall() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    for (Classification reply : ATTACK) {
      metrics.record(reply, "postfix", "smtp");
    }
    String scrape = registry.scrape();
    long lines = scrape.lines().filter(l -> l.startsWith("smtp_replies_total{")).count();
    assertThat(lines).isEqualTo(1500 + 4);
    // A series line is at most ~170 bytes: 2,000 of them stay under 400 KB (87,351 made 11.5 MB).
    assertThat(scrape.length()).isLessThan(400_000);
    assertThat(registry.getMeters()).hasSizeLessThan(SmtpReplyMetrics.DEFAULT_MAX_SERIES + 10);
  }

  @Test
  void concurrentRecordersLoseNothingAndStayWithinTheLimit() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), false, 300);
    metrics.bindTo(registry);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = offset; i < ATTACK.size(); i += 4) {
                    metrics.record(ATTACK.get(i), "camel", "route" + (i % 3));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    // 225 combinations, then an overflow series per class and route.
    assertThat(registry.find(SmtpReplyMeters.REPLIES).counters()).hasSize(225 + 4 * 3);
    assertThat(total(registry)).isEqualTo(ATTACK.size());
  }

  @Test
  void refusesALimitOutsideItsRange() {
    assertThatThrownBy(() -> new SmtpReplyMetrics(List.of(), false, 63))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63");
    assertThatThrownBy(() -> new SmtpReplyMetrics(List.of(), false, 100_001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double total(MeterRegistry registry) {
    return registry.find(SmtpReplyMeters.REPLIES).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
