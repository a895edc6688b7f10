package io.github.smtpreply.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.bounce.BounceRecipient;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The README's binder snippet, compiled and run as written. */
class ReadmeExampleTest {
  @Test
  void readmeSnippetCounts() {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    Exception smtpException =
        new Exception("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown");
    // --- README snippet ---
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(Tags.of("app", "billing-mailer"));
    metrics.bindTo(meterRegistry);
    metrics.record(
        Classifier.standard().classifyText(smtpException.getMessage()), "camel", "invoice_route");
    // --- end ---
    assertThat(
            meterRegistry
                .get("smtp.replies")
                .tags("app", "billing-mailer", "reason", "user_unknown")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void readmeBounceSnippetLogsAndCounts() throws Exception {
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    metrics.bindTo(meterRegistry);
    // The application's logger; the test keeps what it logs.
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    List<String> logged = new ArrayList<>();
    log.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    try (InputStream inputStream =
        getClass().getResourceAsStream("/fixtures/bounces/lhost-postfix-02.eml")) {
      // --- README snippet ---
      Bounce bounce = BounceReader.standard().read(inputStream);
      for (BounceRecipient r : bounce.recipients()) {
        log.info(
            r.recipient() + " " + r.action().label() + " " + r.classification().reason().label());
      }
      for (Classification reply : bounce.deliveryReplies()) {
        metrics.record(reply, SmtpReplyMeters.SOURCE_DSN, "bounce_mailbox");
      }
      // --- end ---
    }
    assertThat(String.join("\n", logged)).contains("filtered@example.co.jp failed user_unknown");
    assertThat(
            meterRegistry
                .get("smtp.replies")
                .tags("source", "dsn", "route", "bounce_mailbox")
                .counters())
        .hasSize(2);
  }
}
