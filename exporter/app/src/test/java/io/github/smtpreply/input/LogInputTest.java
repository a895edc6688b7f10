package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.logs.PostfixLogParser;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a log input counts, from lines of catatnight/docker-postfix#22 (fixtures/SOURCES.md). */
class LogInputTest {

  @Test
  void countsFiveFailedConnectsOnceEachAndNotTheStatusLineThatRepeatsTheLast() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    LogInput input =
        new LogInput(
            "mail.log", "postfix", new PostfixLogParser(ZoneOffset.UTC), metrics, registry);
    String[] hosts = {"pb-mx13", "pb-mx9", "pb-mx14", "pb-mx12", "pb-mx10"};
    for (String host : hosts) {
      input.acceptNow(
          "Mar 23 11:21:31 886377d1c5cf postfix/smtp[143]: connect to "
              + host
              + ".pobox.com[64.147.108.54]:25: Connection timed out");
    }
    input.acceptNow(
        "Mar 23 11:23:31 886377d1c5cf postfix/smtp[143]: BB48359B: to=<ehs@pobox.com>,"
            + " relay=none, delay=151, delays=0.03/0.01/150/0, dsn=4.4.1, status=deferred (connect"
            + " to pb-mx10.pobox.com[64.147.108.54]:25: Connection timed out)");
    input.acceptNow("Mar 23 11:23:31 886377d1c5cf sshd[1]: not postfix");
    double replies =
        registry.find("smtp.replies").counters().stream().mapToDouble(Counter::count).sum();
    assertThat(replies).isEqualTo(5.0);
    assertThat(registry.get("smtp.log.events").counter().count()).isEqualTo(6.0);
    assertThat(registry.get("smtp.log.lines").tag("result", "not_understood").counter().count())
        .isEqualTo(1.0);
  }

  /**
   * The input keeps the series of recent replies by the identity of their parts: replies that share
   * code and status but not route or reason still land in their own series, with their own counts.
   */
  @Test
  void repliesThatShareCodeAndStatusKeepTheirOwnRouteAndReason() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SmtpReplyMetrics metrics = new SmtpReplyMetrics();
    metrics.bindTo(registry);
    LogInput input =
        new LogInput(
            "mail.log", "postfix", new PostfixLogParser(ZoneOffset.UTC), metrics, registry);
    String[] lines = {
      "postfix/smtp[1]: A1: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, dsn=5.7.1,"
          + " status=bounced (host mx.example.com[192.0.2.1] said: 550 5.7.1 Message rejected as"
          + " spam (in reply to end of DATA command))",
      "postfix/smtp[1]: A2: to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, dsn=5.7.1,"
          + " status=bounced (host mx.example.com[192.0.2.1] said: 550 5.7.1 Relaying denied (in"
          + " reply to RCPT TO command))",
      "postfix/relay[2]: A3: to=<c@example.com>, relay=mx.example.com[192.0.2.1]:25,"
          + " dsn=5.7.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.7.1 Message"
          + " rejected as spam (in reply to end of DATA command))",
    };
    for (int round = 0; round < 3; round++) {
      for (String line : lines) {
        input.acceptNow("Mar 23 11:21:31 mx1 " + line);
      }
    }
    assertThat(registry.find("smtp.replies").counters())
        .extracting(
            c -> c.getId().getTag("route") + " " + c.getId().getTag("reason") + " " + c.count())
        .containsExactlyInAnyOrder("smtp spam 3.0", "smtp relay_denied 3.0", "relay spam 3.0");
  }
}
