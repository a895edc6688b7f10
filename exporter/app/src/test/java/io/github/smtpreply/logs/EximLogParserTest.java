package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines from gvengel/exim_exporter's test mainlog (MIT), see fixtures/SOURCES.md. */
class EximLogParserTest {
  private final EximLogParser parser = new EximLogParser(ZoneOffset.UTC);

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "2020-06-19 04:54:02 1jmFYj-00039V-QX == bob@null.corp R=dnslookup T=remote_smtp defer (110): Connection timed out | deferred none transient network remote_smtp",
        "2020-06-19 04:54:02 1jmFYj-00039V-QX ** bob@null.corp: retry timeout exceeded | bounced none permanent expired none",
        "2020-06-19 06:26:02 1jmH1s-000AVD-5t => dave@foo.corp R=dnslookup T=remote_smtp H=mail.foo.corp [1.1.1.1] C=\"250 2.0.0 Ok: queued\" | sent 250 success none remote_smtp",
        "2020-06-20 01:32:57 +0200 [789] 1jmKso-0009d4-Uf ** molly@zee.corp R=dnslookup T=remote_smtp H=mail.zee.corp [3.3.3.3] X=TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256 CV=yes DN=\"C=US,ST=Fake,L=Lost,O=Zee Corp,CN=mail.zee.corp\": SMTP error from remote mail server after RCPT TO:<molly@zee.corp>: 550 5.1.1 <molly@zee.corp>: Recipient address rejected: User unknown | bounced 550 permanent user_unknown remote_smtp",
        "2020-06-24 00:20:20 1raAV4-009jr4-9x == jack@test.corp R=dnslookup T=remote_smtp defer (-44) H=(relay.test.corp) [4.4.4.4]: SMTP error from remote mail server after RCPT TO:<jack@test.corp>: 450 4.7.1 <jack@test.corp>: Recipient address rejected: Greylisted | deferred 450 transient greylisted remote_smtp",
      })
  void readsDeliveriesDeferralsAndFailures(String line, String expected) {
    LogEvent e = parser.parse(line).orElseThrow();
    assertThat(
            String.join(
                " ",
                e.status(),
                e.reply().codeLabel(),
                e.reply().replyClass().label(),
                e.reply().reason().label(),
                e.route()))
        .isEqualTo(expected);
  }

  /** gvengel/exim_exporter's test mainlog and reject log (MIT). */
  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "2020-06-19 04:54:02 1jmFYj-00039V-QX H=null.corp [6.6.6.6] Connection timed out | attempt none transient network connect",
        "2020-06-13 16:49:49 H=(test.corp) [1.1.1.1] F=<noreply@test.corp> rejected RCPT <error!@dummy.corp>: restricted characters in address | reject none unknown unknown rcpt",
        "2020-06-13 19:49:49 +0200 H=(test.corp) [1.1.1.1] F=<noreply@test.corp> rejected RCPT <error!@dummy.corp>: restricted characters in address | reject none unknown unknown rcpt",
        "2020-06-13 13:55:20 SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised): rejected | reject none unknown syntax unknown",
      })
  void readsHostAttemptsAndRejects(String line, String expected) {
    LogEvent e = parser.parse(line).orElseThrow();
    assertThat(
            String.join(
                " ",
                e.status(),
                e.reply().codeLabel(),
                e.reply().replyClass().label(),
                e.reply().reason().label(),
                e.reply().stage().label()))
        .isEqualTo(expected);
  }

  /** The "==" line that repeats the host's own failure is one outcome, counted once. */
  @Test
  void marksTheDeferralThatRepeatsTheHostAttempt() {
    LogEvent attempt =
        parser
            .parse(
                "2020-06-19 04:54:02 1jmFYj-00039V-QX H=null.corp [6.6.6.6] Connection timed out")
            .orElseThrow();
    LogEvent defer =
        parser
            .parse(
                "2020-06-19 04:54:02 1jmFYj-00039V-QX == bob@null.corp R=dnslookup T=remote_smtp"
                    + " defer (110): Connection timed out")
            .orElseThrow();
    LogEvent other =
        parser
            .parse(
                "2020-06-19 04:54:02 1jmFYj-00039V-QY == bob@null.corp R=dnslookup T=remote_smtp"
                    + " defer (110): Connection timed out")
            .orElseThrow();
    assertThat(attempt.repeat()).isFalse();
    assertThat(defer.repeat()).isTrue();
    assertThat(other.repeat()).isFalse();
  }

  @Test
  void readsTheZoneOffsetWhenPresent() {
    LogEvent e =
        parser
            .parse(
                "2020-06-20 01:32:57 +0200 [789] 1jmKso-0009d4-Uf ** m@z.corp: retry timeout exceeded")
            .orElseThrow();
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2020-06-19T23:32:57Z"));
  }

  @Test
  void ignoresArrivalsAndJunk() {
    assertThat(
            parser.parse(
                "2020-06-19 04:51:49 [123] 1jmFYj-00039V-QX <= noreply@test.corp H=(test.corp) [2.2.2.2] P=smtp S=7386"))
        .isEmpty();
    assertThat(parser.parse("not a log line")).isEmpty();
    assertThat(parser.parse("2020-06-19 04:51:49 x ** ")).isPresent();
  }
}
