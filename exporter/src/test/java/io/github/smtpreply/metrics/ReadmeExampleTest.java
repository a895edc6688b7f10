package io.github.smtpreply.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
        Classifier.standard().classifyText(smtpException.getMessage()), "camel", "invoice-route");
    // --- end ---
    assertThat(
            meterRegistry
                .get("smtp.replies")
                .tags("app", "billing-mailer", "reason", "user_unknown")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
