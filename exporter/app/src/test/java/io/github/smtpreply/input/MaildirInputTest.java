package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirInputTest {
  @TempDir Path maildir;
  @TempDir Path state;

  private Path checkpoint() {
    return state.resolve("maildir.seen");
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SmtpReplyMetrics metrics = new SmtpReplyMetrics();
  private final List<String> reports = new ArrayList<>();

  @BeforeEach
  void maildir() throws IOException {
    for (String sub : new String[] {"new", "cur", "tmp"}) {
      Files.createDirectories(maildir.resolve(sub));
    }
    metrics.bindTo(registry);
  }

  private void deliver(String fixture, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/bounces/" + fixture)) {
      Files.copy(in, maildir.resolve("new").resolve(name));
    }
  }

  private double dsnReplies() {
    return registry.find("smtp.replies").tag("source", "dsn").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double messages(String kind) {
    return registry.get("smtp.dsn.messages").tag("kind", kind).counter().count();
  }

  @Test
  void countsEachArrivingBounceOnceAndSkipsWhatWasThereAtStart() throws IOException {
    deliver("lhost-qmail-01.eml", "1.host");
    MaildirInput input =
        new MaildirInput(maildir, checkpoint(), false, metrics, registry, reports::add);
    assertThat(input.poll()).isZero();

    deliver("lhost-postfix-02.eml", "2.host");
    deliver("arf-02.eml", "3.host");
    assertThat(input.poll()).isEqualTo(2);
    assertThat(dsnReplies())
        .isEqualTo(2.0); // two recipients of the Postfix report; ARF is no bounce
    assertThat(messages("delivery_status")).isEqualTo(1.0);
    assertThat(messages("feedback")).isEqualTo(1.0);

    // A mail client reads it: new/2.host becomes cur/2.host:2,S, still the same message.
    Files.move(maildir.resolve("new/2.host"), maildir.resolve("cur/2.host:2,S"));
    assertThat(input.poll()).isZero();
    assertThat(dsnReplies()).isEqualTo(2.0);
  }

  @Test
  void readsWhatWasThereWhenAskedFromTheBeginning() throws IOException {
    deliver("lhost-qmail-01.eml", "1.host");
    MaildirInput input =
        new MaildirInput(maildir, checkpoint(), true, metrics, registry, reports::add);
    assertThat(input.poll()).isEqualTo(1);
    assertThat(
            registry
                .get("smtp.replies")
                .tags("source", "dsn", "route", "none", "reason", "user_unknown")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void aFolderThatIsNoMaildirIsRefused() {
    assertThatThrownBy(
            () ->
                new MaildirInput(
                    maildir.resolve("tmp"), checkpoint(), false, metrics, registry, reports::add))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a Maildir");
  }

  @Test
  void aRestartReadsWhatArrivedWhileItWasDown() throws IOException {
    deliver("lhost-qmail-01.eml", "1.host");
    MaildirInput first =
        new MaildirInput(maildir, checkpoint(), false, metrics, registry, reports::add);
    deliver("lhost-postfix-02.eml", "2.host");
    first.poll(); // "killed" right after: the checkpoint was written by the poll itself

    deliver("arf-02.eml", "3.host"); // while the exporter is down
    SimpleMeterRegistry restarted = new SimpleMeterRegistry();
    SmtpReplyMetrics again = new SmtpReplyMetrics();
    again.bindTo(restarted);
    MaildirInput second =
        new MaildirInput(maildir, checkpoint(), false, again, restarted, reports::add);
    // The counts come back with the checkpoint, before anything new is read.
    assertThat(sum(restarted, "smtp.replies")).isEqualTo(2.0);
    assertThat(restarted.get("smtp.dsn.messages").tag("kind", "delivery_status").counter().count())
        .isEqualTo(1.0);
    assertThat(second.poll()).isEqualTo(1);
    assertThat(second.poll()).isZero();
    assertThat(sum(restarted, "smtp.replies")).isEqualTo(2.0);
    assertThat(restarted.get("smtp.dsn.messages").tag("kind", "feedback").counter().count())
        .isEqualTo(1.0);
  }

  private static double sum(SimpleMeterRegistry r, String name) {
    return r.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Test
  void aMaildirThatGoesAwayIsNotUpAndIsReportedOnce() throws IOException {
    MaildirInput input =
        new MaildirInput(maildir, checkpoint(), false, metrics, registry, reports::add);
    assertThat(input.up()).isTrue();
    for (String sub : new String[] {"new", "cur", "tmp"}) {
      Files.delete(maildir.resolve(sub));
    }
    input.poll();
    input.poll();
    assertThat(input.up()).isFalse();
    Files.createDirectories(maildir.resolve("new"));
    input.poll();
    assertThat(input.up()).isTrue();
    assertThat(reports)
        .containsExactly(
            maildir + " is gone or no Maildir any more", maildir + " is a Maildir again");
  }
}
