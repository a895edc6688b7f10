package io.github.smtpreply.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.classify.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SmtpReplyMetricsTest {
  private final Classifier classifier = Classifier.standard();

  @Test
  void countsRepliesWithTheDesignLabels() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(Tags.of("env", "test"));
    metrics.bindTo(registry);
    var reply =
        classifier.classifyText(
            "host mx said: 550 5.1.1 User unknown (in reply to RCPT TO command)");
    metrics.record(reply, "postfix", "smtp");
    metrics.record(reply, "postfix", "smtp");
    Counter c =
        registry
            .get("smtp.replies")
            .tags(
                "code", "550", "class", "permanent", "enhanced", "5.1.1", "reason", "user_unknown")
            .tags("stage", "rcpt", "source", "postfix", "route", "smtp", "env", "test")
            .counter();
    assertThat(c.count()).isEqualTo(2.0);
    assertThat(c.getId().getTags()).hasSize(8);
  }

  @Test
  void mapsCodesOutsideTheCatalogToOtherAndAbsentOnesToNone() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    metrics.record(classifier.classifyText("599 5.9.99 weird"), "camel", null);
    metrics.record(
        classifier.classifyText("connect to mx[192.0.2.1]:25: Connection timed out"),
        "postfix",
        "smtp");
    assertThat(
            registry
                .get("smtp.replies")
                .tags("code", "other", "enhanced", "other", "route", "none")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("smtp.replies")
                .tags("code", "none", "enhanced", "4.4.1", "class", "transient")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void countsUnclassifiableRepliesSeparately() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    metrics.record(classifier.classifyText("hello world"), "exim", "remote_smtp");
    assertThat(registry.get("smtp.replies.unclassified").tags("source", "exim").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("smtp.replies").counters()).isEmpty();
  }

  @Test
  void refusesToRecordBeforeBinding() {
    assertThatThrownBy(
            () -> new SmtpReplyMetrics().record(classifier.classifyText("250 ok"), "x", "y"))
        .isInstanceOf(IllegalStateException.class);
  }

  /** In the normal build: enough replies to overflow the sources and routes many times over. */
  @Test
  void randomRepliesStayWithinTheBound() {
    randomRepliesStayWithinTheBound(20_000);
  }

  /** The same with a million replies, about two minutes: {@code -Dtest.excludedGroups=} runs it. */
  @Test
  @Tag("long")
  void aMillionRandomRepliesStayWithinTheBound() {
    randomRepliesStayWithinTheBound(1_000_000);
  }

  private void randomRepliesStayWithinTheBound(int replies) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    SplittableRandom random = new SplittableRandom(7);
    String[] words = {
      "user unknown",
      "mailbox full",
      "blocked",
      "spam",
      "rate limited",
      "timeout",
      "x",
      "greylisted"
    };
    for (int i = 0; i < replies; i++) {
      String text =
          (200 + random.nextInt(400))
              + " "
              + (2 + random.nextInt(4))
              + "."
              + random.nextInt(12)
              + "."
              + random.nextInt(1000)
              + " "
              + words[random.nextInt(words.length)]
              + " "
              + random.nextInt();
      metrics.record(
          classifier.classifyText(text), "src" + random.nextInt(40), "route" + random.nextInt(200));
    }
    // Only codes, statuses, reasons and stages in the catalog (plus none/other) and at most
    // MAX_SOURCES sources and MAX_ROUTES routes survive as label values.
    assertThat(
            registry.find("smtp.replies").counters().stream()
                .map(c -> c.getId().getTag("route"))
                .distinct()
                .count())
        .isLessThanOrEqualTo(SmtpReplyMetrics.MAX_ROUTES + 2);
    assertThat(
            registry.find("smtp.replies").counters().stream()
                .map(c -> c.getId().getTag("source"))
                .distinct()
                .count())
        .isLessThanOrEqualTo(SmtpReplyMetrics.MAX_SOURCES + 2);
    assertThat(
            registry.find("smtp.replies").counters().stream()
                .map(c -> c.getId().getTag("code"))
                .distinct()
                .count())
        .isLessThanOrEqualTo(50);
    assertThat(metrics.series())
        .isEqualTo(registry.find("smtp.replies").counters().size())
        .isLessThanOrEqualTo(SmtpReplyMetrics.DEFAULT_MAX_SERIES);
    assertThat(SmtpReplyMetrics.REASONS).isEqualTo(Reason.values().length);
  }

  @Test
  void exposesGoldenPrometheusText() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    metrics.record(classifier.classifyText("250 2.0.0 Ok: queued as 4D5B1A"), "postfix", "smtp");
    assertThat(registry.scrape())
        .isEqualTo(
            "# HELP smtp_replies_total "
                + SmtpReplyMeters.REPLIES_HELP
                + "\n"
                + "# TYPE smtp_replies_total counter\n"
                + "smtp_replies_total{class=\"success\",code=\"250\",enhanced=\"2.0.0\",reason=\"none\",route=\"smtp\",source=\"postfix\",stage=\"unknown\"} 1.0\n"
                + "# HELP smtp_replies_series "
                + SmtpReplyMeters.SERIES_HELP
                + "\n"
                + "# TYPE smtp_replies_series gauge\n"
                + "smtp_replies_series 1.0\n"
                + "# HELP smtp_replies_series_limit "
                + SmtpReplyMeters.SERIES_LIMIT_HELP
                + "\n"
                + "# TYPE smtp_replies_series_limit gauge\n"
                + "smtp_replies_series_limit 2000.0\n");
  }
}
