package io.github.smtpreply.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 11 §0: the demo traffic is seeded, shaped by its schedule, and fed like real inputs. */
class DemoTrafficTest {
  private final DemoTraffic traffic = DemoTraffic.standard();

  @Test
  void sameSeedSameEventsWhateverTheStart() {
    List<DemoTraffic.Event> first = traffic.second(42, 600);
    traffic.second(42, 17);
    assertThat(traffic.second(42, 600)).isEqualTo(first);
    long differing =
        java.util.stream.LongStream.range(1, 120)
            .filter(s -> !traffic.second(42, s).equals(traffic.second(43, s)))
            .count();
    assertThat(differing).isGreaterThan(60);
  }

  @Test
  void secondZeroSendsEveryRowOfTheSteadyMix() {
    Set<DemoTraffic.Event> steady = new HashSet<>(traffic.second(1, 0));
    // Over a calm stretch nothing new appears: the first second held every steady event.
    for (long s = 1; s < 5 * 60; s++) {
      assertThat(steady).containsAll(traffic.second(1, s));
    }
    assertThat(steady.stream().map(DemoTraffic.Event::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("postfix", "exim", "camel", "dsn");
  }

  @Test
  void incidentsFollowTheScheduleAndTheStopSilencesEverything() {
    assertThat(traffic.cycleMinutes()).isEqualTo(60);
    assertThat(names(traffic.activeAt(60))).isEmpty();
    assertThat(names(traffic.activeAt(13 * 60)))
        .containsExactly("greylisting", "garbled", "host_down", "blocklisting");
    assertThat(names(traffic.activeAt((60 + 40) * 60L))).containsExactly("stopped");
    for (long s = 32 * 60; s < 54 * 60; s++) {
      assertThat(traffic.second(5, s)).as("second %d", s).isEmpty();
    }
    assertThat(traffic.second(5, 54 * 60 + 30).size() + traffic.second(5, 54 * 60 + 31).size())
        .isPositive();
  }

  @Test
  void feedsLogLinesThroughTheParsersAndRepliesThroughTheClassifier() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true, 2000);
    metrics.bindTo(registry);
    Demo demo = new Demo(traffic, 1, metrics, registry);
    for (long s = 0; s < 27 * 60; s++) {
      demo.play(s);
    }
    String text = registry.scrape();
    assertThat(text)
        .contains(
            "route=\"order_confirmations\"",
            "route=\"remote_smtp\"",
            "route=\"relay\"",
            "route=\"lmtp\"",
            "route=\"smtpd\"",
            "source=\"dsn\"",
            "code=\"none\",enhanced=\"4.4.1\"",
            "enhanced=\"5.7.26\"",
            "code=\"451\",enhanced=\"4.7.1\"",
            "code=\"554\",enhanced=\"5.7.1\"")
        .containsPattern(
            "smtp_log_lines_total\\{input=\"demo-postfix\",result=\"not_understood\","
                + "source=\"postfix\"} [1-9]");
  }

  @Test
  void aScheduleRowOutsideTheCycleIsRejected() {
    assertThatThrownBy(() -> DemoTraffic.standard().second(1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  private static List<String> names(List<DemoTraffic.Incident> incidents) {
    return incidents.stream().map(DemoTraffic.Incident::name).toList();
  }
}
