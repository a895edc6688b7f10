package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines from the fixtures (see src/test/resources/fixtures/SOURCES.md). */
class PostfixLogParserTest {
  private final PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);

  private static String row(LogEvent e) {
    var c = e.reply();
    return String.join(
        " ",
        e.status(),
        c.codeLabel(),
        c.statusLabel(),
        c.replyClass().label(),
        c.reason().label(),
        c.stage().label(),
        e.route());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Feb 24 16:18:40 letterman postfix/smtp[59649]: 5270320179: to=<hebj@telia.com>, relay=mail.telia.com[81.236.60.210]:25, delay=2017, delays=0.1/2017/0.03/0.05, dsn=2.0.0, status=sent (250 2.0.0 6FVIjIMwUJwU66FVIjAEB0 mail accepted for delivery) | sent 250 2.0.0 success none unknown smtp",
        "Sep 07 13:35:41 mail postfix/lmtp[26538]: 81EE0980F16: to=<doesnotexist@example.com>, relay=172.19.0.7[172.19.0.7]:2525, delay=0.72, delays=0.54/0.09/0.05/0.04, dsn=5.1.1, status=bounced (host 172.19.0.7[172.19.0.7] said: 550 5.1.1 <doesnotexist@example.com> User doesn't exist: doesnotexist@example.com (in reply to RCPT TO command)) | bounced 550 5.1.1 permanent user_unknown rcpt lmtp",
        "2019-04-11T19:41:56.554496+00:00 09ad1b99d14b postfix/lmtp[238]: 87F043F2BE: to=<info@domain.de>, relay=none, delay=2370, delays=2370/0.07/0/0, dsn=4.4.1, status=deferred (connect to 172.20.0.6[172.20.0.6]:2525: Connection refused) | deferred none 4.4.1 transient network connect lmtp",
        "2025-04-09T08:25:46.545425+00:00 86ea4d14de98 postfix/relay/smtp[706]: 5FCA28903A: to=<a@example.net>, relay=smtp4dev-alpha[10.0.3.15]:2525, delay=0.15, delays=0.15/0/0.01/0, dsn=2.0.0, status=sent (250 Mail accepted) | sent 250 2.0.0 success none unknown relay",
        "Feb 24 16:18:40 letterman postfix-new-instance/smtp[59649]: 5270320179: to=<hebj@telia.com>, relay=mail.telia.com[81.236.60.210]:25, delay=2017, delays=0.1/2017/0.03/0.05, dsn=2.0.0, status=sent (250 2.0.0 accepted) | sent 250 2.0.0 success none unknown smtp",
        "Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E72: from=<noreply@domain.com>, status=expired, returned to sender | expired none 5.4.7 permanent expired unknown none",
        "Mar  1 18:26:24 server postfix/smtpd[14970]: NOQUEUE: reject: RCPT from unknown[50.60.146.24]: 454 4.7.1 returntest@mydnstools.info: Relay access denied; from=relaytest@mydnstools.info to=returntest@mydnstools.info proto=SMTP helo=<relaytest.mydnstools.info> | reject 454 4.7.1 transient relay_denied rcpt smtpd",
        "NOQUEUE: milter-reject: RCPT from mailrelay.example.com[256.256.256.256]: 451 4.7.1 Greylisting in action, please come back later; from=<support@example.com> to=<example@example.org> proto=ESMTP helo=<mailrelay.example.com> | milter-reject 451 4.7.1 transient greylisted rcpt none",
        "Jan  2 03:04:05 mx postfix/submission/smtpd[1]: NOQUEUE: reject_warning: RCPT from example.com[93.184.216.34]: 553 5.7.1 <sender@example.com>: Sender address rejected: not owned by user ph123; from=<sender@example.com> to=<r@example.com> proto=ESMTP helo=<example.com> | reject_warning 553 5.7.1 permanent sender_rejected rcpt submission",
        "Jan  2 03:04:05 mx postfix/smtp[1]: 2DC5552A34: to=<user@yahoo.com>, relay=none, delay=63495, delays=63350/144/0/0, dsn=4.4.2, status=deferred (delivery temporarily suspended: lost connection with mta7.am0.yahoodns.net[98.136.216.22] while sending RCPT TO) | deferred none 4.4.2 transient network rcpt smtp",
        "Jan  2 03:04:05 mx postfix/smtp[1]: 1A: to=<a@b.c>, relay=mx[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.7.26, status=bounced (host mx[192.0.2.1] said: 550-5.7.26 Unauthenticated email from example.com is not accepted due to 550-5.7.26 domain's DMARC policy. (in reply to end of DATA command)) | bounced 550 5.7.26 permanent sender_auth data smtp",
      })
  void readsDeliveriesAndRejects(String line, String expected) {
    Optional<LogEvent> event = parser.parse(line);
    assertThat(event).isPresent();
    assertThat(row(event.get())).isEqualTo(expected);
  }

  @Test
  void ignoresOtherPostfixLinesButUnderstandsThem() {
    String line = "Feb 24 16:18:40 mx postfix/smtpd[1]: connect from unknown[192.0.2.1]";
    assertThat(parser.parse(line)).isEmpty();
    assertThat(parser.understands(line)).isTrue();
    assertThat(parser.understands("Feb 24 16:18:40 mx sshd[1]: Accepted publickey")).isFalse();
    assertThat(parser.parse("Feb 24 16:18:40 mx sshd[1]: status=sent (250 ok)")).isEmpty();
  }

  @Test
  void readsRfc3339AndBsdTimestamps() {
    LogEvent e =
        parser
            .parse(
                "2019-04-11T19:41:56.554496+00:00 h postfix/lmtp[238]: 8: to=<i@d.de>, relay=none,"
                    + " delay=1, dsn=4.4.1, status=deferred (connect to h[192.0.2.6]:2525: Connection"
                    + " refused)")
            .orElseThrow();
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-04-11T19:41:56.554496Z"));
  }

  /** Junk is no delivery: each line gives no event, and reading it never throws. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "status=",
        ": to=< status=(",
        "Feb 30 99:99:99 x postfix/smtp[1]: x",
        "x: to=<a>, status=, dsn=5.1.1 (550 5.1.1 unknown)"
      })
  void junkLinesGiveNoEvent(String junk) {
    assertThat(parser.parse(junk)).isEmpty();
    assertThatNoException().isThrownBy(() -> parser.understands(junk));
  }

  /**
   * Cut or garbled lines that still name a delivery or reject: the event keeps the logged status
   * word, and nothing is made up from the junk text (no code, class unknown).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'NOQUEUE: reject: '|reject",
        "NOQUEUE: reject: \u0000\uffff|reject",
        "x: to=<a>, status=sent (|sent",
        "x: to=<a>, dsn=9.9.9999, status=bounced ())|bounced"
      })
  void garbledEventsKeepTheirStatusAndInventNothing(String line, String status) {
    LogEvent event = parser.parse(line).orElseThrow();
    assertThat(event.status()).isEqualTo(status);
    assertThat(event.reply().code()).isNull();
    assertThat(event.reply().replyClass().label()).isEqualTo("unknown");
  }
}
