package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shapes of issue 12, each with a real-format line (sources in fixtures/SOURCES.md and above
 * each block of fixtures/logs/postfix-attempts.log).
 */
class PostfixShapesTest {
  private final PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);

  private static String row(LogEvent e) {
    var c = e.reply();
    return String.join(
        " ",
        e.status(),
        c.codeLabel(),
        c.enhancedLabel(),
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
        // Mailu/Mailu#1458: a greeting refused, logged before the next MX is tried
        "Apr 21 08:45:18 mail postfix/smtp[1266]: 64952AA051D: host mx02.mail.icloud.com[17.56.9.19] refused to talk to me: 550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=78.225.183.108 | attempt 550 5.7.0 permanent blocked greeting smtp",
        // Mailu/Mailu#1614
        "Sep 06 15:51:08 smtp postfix/smtp[8260]: 2755E408D6: host mx03.t-online.de[194.25.134.73] refused to talk to me: 554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL) | attempt 554 none permanent blocked greeting smtp",
        // Hsn723/postfix_exporter#302 (as quoted: no time, no host)
        "postfix/smtp[17813]: connect to domain.com[192.168.0.1]:25: No route to host | attempt none 4.4.1 transient network connect smtp",
        "postfix/smtp[3517]: connect to domain.com[192.168.0.1]:25: Connection refused | attempt none 4.4.1 transient network connect smtp",
        // format of smtp_trouble.c (msg_info "%s: %s" with smtp_stream_except's reasons)
        "Jan  2 03:04:05 mx postfix/smtp[1]: 2DC5552A34: lost connection with mx1.example.com[192.0.2.1] while receiving the initial server greeting | attempt none 4.4.2 transient network greeting smtp",
        "Jan  2 03:04:05 mx postfix/smtp[1]: 2DC5552A34: conversation with mx1.example.com[192.0.2.1] timed out while sending RCPT TO | attempt none 4.4.2 transient network rcpt smtp",
        // docker-mailserver/docker-mailserver#3094
        "Feb 16 19:55:31 mail postfix/smtp[1469]: 421DDF840E6: to=<redacted@gmx.de>, relay=mx00.emig.gmx.net[212.227.15.9]:25, delay=14142, delays=13542/0.04/600/0, dsn=4.4.2, status=deferred (conversation with mx00.emig.gmx.net[212.227.15.9] timed out while receiving the initial server greeting) | deferred none 4.4.2 transient network greeting smtp",
        // kumina/postfix_exporter#76: instance and content-filter service names
        "Nov 08 08:08:59 mx postfix-mx/content-filter/smtp[273144]: 4HnkK60lBRz6tl1: to=<a@b.c>, relay=192.168.1.1[192.168.1.1]:20202, delay=1.9, delays=1.7/0/0.05/0.18, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[192.168.1.2]:10025): 250 2.0.0 Ok: queued as 4HnkK74hXyz6tl6) | sent 250 2.0.0 success none unknown content-filter",
        // a syslog_name that is not "postfix…" (master.cf -o syslog_name=…), Postfix's own tag
        // shape
        "Jan  2 03:04:05 mx mail1/submission/smtpd[1]: NOQUEUE: reject: RCPT from example.com[93.184.216.34]: 554 5.7.1 <r@example.org>: Relay access denied; from=<s@example.com> to=<r@example.org> proto=ESMTP helo=<example.com> | reject 554 5.7.1 permanent relay_denied rcpt submission",
        // hsn723 test strings: postscreen rejects
        "Feb 24 16:18:40 letterman postfix/postscreen[1234]: NOQUEUE: reject: RCPT from [1.2.3.4]:5678: 550 5.7.1 Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org; from=<a@b.com> to=<c@d.com> proto=ESMTP helo=<x> | reject 550 5.7.1 permanent blocked rcpt postscreen",
        "Feb 24 16:18:40 letterman postfix/postscreen[1234]: NOQUEUE: reject: CONNECT from [1.2.3.4]:5678: too many connections | reject none none transient too_many_connections connect postscreen",
        // sergeymakinen testdata: milter-reject at END-OF-MESSAGE, NOQUEUE reject for MAIL and DATA
        // (format of smtpd_check.c)
        "Jan 1 00:00:00 hostname postfix/cleanup[12345]: 123456789AB: milter-reject: END-OF-MESSAGE from example.com[123.45.67.89]: 5.7.1 Blocked by SpamAssassin; from=<user@example.com> to=<user@example.com> proto=ESMTP helo=<example.com> | milter-reject none 5.7.1 permanent spam data cleanup",
        "Jan  2 03:04:05 mx postfix/smtpd[1]: NOQUEUE: reject: MAIL from example.com[93.184.216.34]: 553 5.7.1 <s@example.com>: Sender address rejected: not logged in; proto=ESMTP helo=<example.com> | reject 553 5.7.1 permanent sender_rejected mail smtpd",
        // cleanup header_checks REJECT (format of cleanup_message.c: "%s: %s: %s %.200s from %s;
        // from=<%s> to=<%s> proto=%s helo=<%s>: %s")
        "Jan  2 03:04:05 mx postfix/cleanup[1]: 4104E3D: reject: header Subject: test from localhost[127.0.0.1]; from=<a@example.com> to=<b@example.com> proto=ESMTP helo=<x>: 5.7.1 message content rejected | reject none 5.7.1 permanent spam data cleanup",
        // address verification probe result (status=undeliverable), a per-instance name,
        // short-precise time
        "Jan  2 03:04:05.123456 mx postfix-out/smtp[1]: 1A: to=<a@b.c>, relay=mx[192.0.2.1]:25, delay=1, dsn=5.1.1, status=undeliverable (host mx[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO command)) | undeliverable 550 5.1.1 permanent user_unknown rcpt smtp",
        // smtpd session limits (format of smtpd.c: "%s after %s from %s")
        "Jan  2 03:04:05 mx postfix/smtpd[1]: too many errors after AUTH from unknown[198.51.100.12] | too_many_errors none none unknown unknown auth smtpd",
        // postfix-grok-patterns smtpd_0015
        "Jan  2 03:04:05 mx postfix/smtpd[1]: improper command pipelining after EHLO from unknown[2001:968:9999:20:415c:cd2:da8e:d0cf]: MAIL FROM:<>\\nRCPT TO:<tom@example.net>\\nDATA\\n | improper_pipelining none none unknown syntax helo smtpd",
      })
  void readsEachShape(String line, String expected) {
    LogEvent event = parser.parse(line).orElseThrow(() -> new AssertionError("no event: " + line));
    assertThat(row(event)).isEqualTo(expected);
  }

  /**
   * The same delivery in the time formats a Postfix log comes in: RFC 3164, RFC 3339 (rsyslog), RFC
   * 5424 (rsyslog's RSYSLOG_SyslogProtocol23Format: PRI, version, time, host, app, procid, msgid,
   * structured data), journalctl -o short-iso (offset without a colon, systemd/systemd#26639), -o
   * short-precise, and -o cat (the message alone).
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Jan  2 03:04:05 mx postfix/smtp[9]: |2026-01-02T03:04:05Z|smtp",
        "Jan 2 03:04:05 mx postfix/smtp[9]: |2026-01-02T03:04:05Z|smtp",
        "Jan  2 03:04:05.250000 mx postfix/smtp[9]: |2026-01-02T03:04:05.25Z|smtp",
        "<22>Jan  2 03:04:05 mx postfix/smtp[9]: |2026-01-02T03:04:05Z|smtp",
        "2026-01-02T03:04:05.554496+00:00 mx postfix/smtp[9]: |2026-01-02T03:04:05.554496Z|smtp",
        "2026-01-02T04:04:05+0100 mx postfix/smtp[9]: |2026-01-02T03:04:05Z|smtp",
        "2026-01-02T04:04:05.123456+0100 mx postfix/smtp[9]: |2026-01-02T03:04:05.123456Z|smtp",
        "<22>1 2026-01-02T04:04:05.5+01:00 mx postfix/smtp 9 - - |2026-01-02T03:04:05.5Z|smtp",
        "<22>1 2026-01-02T03:04:05Z mx postfix-out/relay/smtp 9 - [meta sequenceId=\"1\"] |2026-01-02T03:04:05Z|relay",
        "|null|none",
      })
  void readsEveryTimeFormat(String prefix, String time, String route) {
    String line =
        prefix
            + "1A: to=<a@b.c>, relay=mx[192.0.2.1]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0"
            + " Ok)";
    LogEvent e = parser.parse(line).orElseThrow();
    // BSD stamps carry no year: the parser takes this year or the last; compare the rest.
    if ("null".equals(time)) {
      assertThat(e.timestamp()).isNull();
    } else if (prefix.matches("(<22>)?[A-Z].*")) {
      assertThat(e.timestamp().toString().substring(4))
          .isEqualTo(Instant.parse(time).toString().substring(4));
    } else {
      assertThat(e.timestamp()).isEqualTo(Instant.parse(time));
    }
    assertThat(e.route()).isEqualTo(route);
    assertThat(e.reply().codeLabel()).isEqualTo("250");
  }

  @Test
  void rfc5424TimeIsExact() {
    LogEvent e =
        parser
            .parse(
                "<22>1 2026-01-02T04:04:05.5+01:00 mx postfix/smtp 9 - - 1A: to=<a@b.c>,"
                    + " relay=none, dsn=4.4.1, status=deferred (connect to h[192.0.2.6]:25:"
                    + " Connection refused)")
            .orElseThrow();
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05.5Z"));
  }

  /**
   * Postfix logs every failed connection, and when the last server failed, the status line repeats
   * its text (smtp_connect.c): five connects and one status give five replies, not six. A status
   * line with no attempt before it is counted.
   */
  @Test
  void countsEachAttemptOnceAndNeverTheRepeatingStatusLine() throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (String line : fixture("postfix-attempts.log")) {
      parser.parse(line).ifPresent(events::add);
    }
    List<String> rows =
        events.stream().map(e -> e.status() + (e.repeat() ? " (repeat)" : "")).toList();
    assertThat(rows)
        .containsExactly(
            "attempt",
            "attempt",
            "attempt",
            "attempt",
            "attempt",
            "deferred (repeat)",
            "attempt",
            "deferred (repeat)",
            "attempt",
            "attempt",
            "attempt",
            "deferred",
            "attempt",
            "attempt");
  }

  /** A line naming a reply, a delivery status or a reject: what must never be left unread. */
  private static final Pattern EVENT_LIKE =
      Pattern.compile(
          " status=[a-z]|reject(_warning)?: | said: |refused to talk to me|: connect to \\S+\\[|lost"
              + " connection with |timed out while |too many errors after |improper command"
              + " pipelining after |\\b[245][0-9][0-9][ -][245]\\.[0-9]{1,3}\\.[0-9]{1,3}\\b");

  /**
   * The dev corpus's Postfix logs (copies in fixtures/logs): every line that names a reply, a
   * status or a reject is read as an event, and the event count per file is as listed.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "github_issues_real_log_lines.txt, 20",
    "kumina_postfix_exporter__postfix_exporter_test.go.lines.log, 7",
    "hsn723_postfix_exporter__exporter_postfix_exporter_test.go.lines.log, 13",
    "sergeymakinen_postfix_exporter__exporter_testdata_mail.log, 19",
    "postfix-attempts.log, 14",
  })
  void leavesNoDeliveryOrRejectLineUnread(String file, int expectedEvents) throws Exception {
    PostfixLogParser fresh = new PostfixLogParser(ZoneOffset.UTC);
    List<String> unread = new ArrayList<>();
    int events = 0;
    for (String line : fixture(file)) {
      boolean event = fresh.parse(line).isPresent();
      events += event ? 1 : 0;
      if (!event && !line.startsWith("#") && EVENT_LIKE.matcher(line).find()) {
        unread.add(line);
      }
    }
    assertThat(unread).isEmpty();
    assertThat(events).isEqualTo(expectedEvents);
  }

  private List<String> fixture(String name) throws IOException, URISyntaxException {
    Path path = Path.of(getClass().getResource("/fixtures/logs/" + name).toURI());
    return Files.readAllLines(path, StandardCharsets.UTF_8);
  }
}
