package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code log --format sendmail|opensmtpd}: the real-format lines of fixtures/logs/sendmail.log and
 * opensmtpd.log (sources in fixtures/SOURCES.md), each event with its expected row, every other
 * line of the MTA understood, and the fixtures' comment lines counted as not understood.
 */
class SendmailOpenSmtpdTest {

  private static String row(LogEvent e) {
    var c = e.reply();
    return String.join(
        " ",
        e.status(),
        c.codeLabel(),
        c.enhancedLabel(),
        c.replyClass().label(),
        c.reason().label(),
        e.route());
  }

  private static List<String> read(LogParser parser, String file, List<String> notUnderstood)
      throws Exception {
    Path path = Path.of(SendmailOpenSmtpdTest.class.getResource("/fixtures/logs/" + file).toURI());
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      LogParser.Line read = parser.read(line);
      if (read.event() != null) {
        rows.add(row(read.event()));
      } else if (!read.understood()) {
        notUnderstood.add(line);
      }
    }
    return rows;
  }

  @Test
  void sendmailDeliveries() throws Exception {
    List<String> notUnderstood = new ArrayList<>();
    List<String> rows = read(new SendmailLogParser(ZoneOffset.UTC), "sendmail.log", notUnderstood);
    assertThat(rows)
        .containsExactly(
            // stat=Sent (093DecOR009469 Message accepted for delivery), dsn=2.0.0, mailer=relay
            "sent none 2.0.0 success none relay",
            // dsn=5.0.0, stat=Service unavailable, mailer=esmtp
            "failed none 5.0.0 permanent system_error esmtp");
    assertThat(notUnderstood).allMatch(l -> l.startsWith("#"));
  }

  @Test
  void sendmailReplyFieldIsTheReply() {
    // the same line as above with the server's reply logged in reply= before stat=
    String line =
        "Oct  3 15:40:44 2862 sm-mta[9471]: 093DecOR009469: to=<crafter2345@eclipso.de>,"
            + " delay=00:00:06, xdelay=00:00:06, mailer=esmtp, pri=120592,"
            + " relay=mail.eclipso.de. [217.69.254.104], dsn=5.1.1,"
            + " reply=550 5.1.1 <crafter2345@eclipso.de>... User unknown, stat=User unknown";
    LogEvent e = new SendmailLogParser(ZoneOffset.UTC).read(line).event();
    assertThat(row(e)).isEqualTo("failed 550 5.1.1 permanent user_unknown esmtp");
  }

  @Test
  void openSmtpdDeliveries() throws Exception {
    List<String> notUnderstood = new ArrayList<>();
    List<String> rows =
        read(new OpenSmtpdLogParser(ZoneOffset.UTC), "opensmtpd.log", notUnderstood);
    assertThat(rows)
        .containsExactly(
            "ok 250 2.0.0 success none mta",
            "ok 250 2.0.0 success none mta",
            // result="TempFail" stat="421 <…> Service not available - too busy"
            "tempfail 421 none transient system_error mta",
            // relay: PermFail for …, stat=550 Invalid recipient (older releases)
            "permfail 550 none permanent user_unknown relay");
    assertThat(notUnderstood).allMatch(l -> l.startsWith("#"));
  }

  @Test
  void otherProgramsAreNotTheirs() {
    String postfix =
        "Nov 22 04:55:20 mx1 postfix/smtp[2101]: 4F1A2B3C41: to=<ana@example.net>,"
            + " relay=mx.example.net[192.0.2.10]:25, delay=0.52, dsn=2.0.0, status=sent (250 ok)";
    assertThat(new SendmailLogParser(ZoneOffset.UTC).read(postfix).understood()).isFalse();
    assertThat(new OpenSmtpdLogParser(ZoneOffset.UTC).read(postfix).understood()).isFalse();
    assertThat(new OpenSmtpdLogParser(ZoneOffset.UTC).read("").understood()).isFalse();
    assertThat(new SendmailLogParser(ZoneOffset.UTC).read("\u0000\uFFFD").understood()).isFalse();
  }
}
