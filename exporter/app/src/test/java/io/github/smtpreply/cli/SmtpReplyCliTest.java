package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    return SmtpReplyCli.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void classifiesOneRowPerInputLineInOrder() {
    int status =
        run(
            "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\r\n"
                + "\n"
                + "host mx.example.net[192.0.2.1] said: 571 Delivery not authorized (in reply to RCPT TO command)\n"
                + "\u0000\u00ff\u0001 junk\n"
                + "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
            "classify");
    assertThat(status).isZero();
    assertThat(out().split("\n"))
        .containsExactly(
            "code\tenhanced\tclass\treason\tstage",
            "550\t5.1.1\tpermanent\tuser_unknown\tunknown",
            "none\tnone\tunknown\tunknown\tunknown",
            "571\t5.0.0\tpermanent\tauth_required\trcpt",
            "none\tnone\tunknown\tunknown\tunknown",
            "none\t4.4.1\ttransient\tnetwork\tconnect");
  }

  @Test
  void classifiesArgumentsAndCanShowOnlyReceivedStatuses() {
    assertThat(run("", "classify", "--as-received", "550 no such user")).isZero();
    assertThat(out()).endsWith("550\tnone\tpermanent\tuser_unknown\tunknown\n");
  }

  @Test
  void readsAOneMegabyteLineWithoutFailing() {
    assertThat(run("550 5.1.1 " + "x".repeat(2 << 20) + "\n250 ok\n", "classify")).isZero();
    assertThat(out().split("\n")).hasSize(3);
  }

  @Test
  void explainsASeedCodeInJapanese() {
    assertThat(run("", "explain", "451", "--lang", "ja", "--format", "md")).isZero();
    assertThat(out()).startsWith("# SMTP 451 ").contains("## 説明", "## 解決方法");
  }

  @Test
  void comparesTwoCodesAsJson() {
    assertThat(run("", "compare", "252", "551", "--format", "json")).isZero();
    assertThat(out())
        .startsWith("{\"title\":\"SMTP 252 Cannot Verify User vs 551 User Not Local\"");
  }

  @Test
  void unknownCodeIsAUsageErrorThatEchoesTheInput() {
    assertThat(run("", "explain", "699")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err()).contains("unknown code '699'");
    assertThat(out()).isEmpty();
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("", "explain", "550", "--lang", "fr")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err()).contains("unknown language 'fr'");
    assertThat(run("", "frobnicate")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(run("", "classify", "--colour")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(run("", "compare", "550")).isEqualTo(SmtpReplyCli.USAGE);
  }

  @Test
  void missingFileIsAnInputError() {
    assertThat(run("", "log", "--format", "postfix", "/nonexistent/mail.log"))
        .isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(err()).contains("cannot open /nonexistent/mail.log");
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    assertThat(run("", "--help")).isZero();
    for (String command : COMMANDS) {
      assertThat(out()).contains("\n  smtp-reply " + command + " ");
    }
    assertThat(out())
        .contains("smtp-reply COMMAND --help", "smtp-reply --help | --version")
        .contains("Exit codes: 0 done; 1 input could not be read")
        .contains("2 bad command line or configuration");
  }

  /** The commands a user has; a new one must be added here, to --help and to the README. */
  private static final List<String> COMMANDS =
      List.of(
          "classify", "explain", "compare", "log", "dsn", "serve", "publish-dashboards", "site");

  @Test
  void theCommandsAreExactlyTheUsersOnes() {
    assertThat(SmtpReplyCli.commandNames()).containsExactlyElementsOf(COMMANDS);
  }

  @Test
  void helpSpeaksOnlyOfWhatShips() {
    assertThat(run("", "--help")).isZero();
    assertThat(out()).doesNotContain("score", "corpus", "dev ");
  }

  @Test
  void everyCommandTakesHelpAndPrintsOnlyItsOwnUsage() {
    for (String command : COMMANDS) {
      out.reset();
      assertThat(run("", command, "--help")).as(command).isZero();
      assertThat(out())
          .as(command)
          .startsWith("Usage:\n  smtp-reply " + command + " ")
          .contains("Exit codes: 0 done");
      for (String other : COMMANDS) {
        if (!other.equals(command)) {
          assertThat(out()).as(command).doesNotContain("smtp-reply " + other + " ");
        }
      }
    }
    assertThat(err()).isEmpty();
  }

  /** Issue 9 §6: serve --help answered "unknown option '--help'" with exit 2. */
  @Test
  void serveHelpPrintsItsUsageInsteadOfStartingAServer() {
    assertThat(run("", "serve", "--port", "1", "--help")).isZero();
    assertThat(out()).contains("--postfix-log", "--web-config", "--dsn-maildir");
    assertThat(err()).isEmpty();
  }

  @Test
  void versionIsTheBuildsVersion() {
    String expected = System.getProperty("smtp-reply.version");
    assertThat(expected).as("surefire passes the project version").isNotBlank();
    assertThat(run("", "--version")).isZero();
    assertThat(out()).isEqualTo("smtp-reply " + expected + "\n");
  }

  @Test
  void unknownCommandNamesEveryCommand() {
    assertThat(run("", "score-replies", "x.tsv")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err())
        .contains(
            "unknown command 'score-replies'; the commands are " + String.join(", ", COMMANDS))
        .contains("smtp-reply --help");
    assertThat(out()).isEmpty();
  }

  @Test
  void logPrintsOneRowPerEventInOrder() throws Exception {
    String log =
        "Feb 24 16:18:40 mx postfix/smtpd[1]: connect from unknown[192.0.2.1]\n"
            + "Feb 24 16:18:41 mx postfix/smtp[2]: 1A: to=<a@b.c>, relay=mx[192.0.2.2]:25, delay=1,"
            + " delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx[192.0.2.2] said: 550 5.1.1 <a@b.c>:"
            + " User unknown (in reply to RCPT TO command))\n"
            + "Feb 24 16:18:42 mx postfix/smtp[2]: 1B: to=<d@e.f>, relay=none, delay=9, dsn=4.4.1,"
            + " status=deferred (connect to e.f[192.0.2.3]:25: Connection timed out)\n";
    assertThat(run(log, "log", "--format", "postfix", "-")).isZero();
    assertThat(out().split("\n"))
        .containsExactly(
            "status\tcode\tenhanced\tclass\treason\tstage\troute",
            "bounced\t550\t5.1.1\tpermanent\tuser_unknown\trcpt\tsmtp",
            "deferred\tnone\t4.4.1\ttransient\tnetwork\tconnect\tsmtp");
  }

  /** Lines of sergeymakinen/postfix_exporter's testdata (fixtures/SOURCES.md). */
  @Test
  void logUnparsedPrintsTheLinesNotUnderstood() throws Exception {
    String log =
        "Jan 1 00:00:00 hostname postfix/smtpd[12345]: connect from example.com[123.45.67.89]\n"
            + "Foo 1 00:00:00 hostname\n"
            + "Jan 1 00:00:00 hostname postfix/smtp[12345]: 123456789AB: host"
            + " example.com[123.45.67.89] said: 123 1.2.3 Ignored (in reply to RCPT TO command)\n"
            + "Jan 1 00:00:00 hostname dovecot: imap-login: Login\n";
    assertThat(run(log, "log", "--format", "postfix", "--unparsed", "-")).isZero();
    assertThat(out().split("\n"))
        .containsExactly(
            "Foo 1 00:00:00 hostname", "Jan 1 00:00:00 hostname dovecot: imap-login: Login");
  }

  @Test
  void logNeedsAKnownFormat() {
    assertThat(run("", "log", "--format", "qmail", "-")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err())
        .contains("unknown log format 'qmail'; use postfix, exim, sendmail or opensmtpd");
  }

  private static String fixture(String name) throws Exception {
    return java.nio.file.Path.of(SmtpReplyCliTest.class.getResource("/fixtures/" + name).toURI())
        .toString();
  }

  @Test
  void dsnPrintsOneRowPerRecipientInOrder() throws Exception {
    String postfix = fixture("bounces/lhost-postfix-02.eml");
    String qmail = fixture("bounces/lhost-qmail-01.eml");
    assertThat(run("", "dsn", postfix, qmail)).isZero();
    assertThat(out().split("\n"))
        .containsExactly(
            "file\tindex\trecipient\taction\tstatus\tcode\tenhanced\tclass\treason",
            postfix
                + "\t1\tfiltered@example.co.jp\tfailed\t5.2.1\t550\t5.2.1\tpermanent\tuser_unknown",
            postfix
                + "\t2\tuserunknown@example.co.jp\tfailed\t5.1.1\t550\t5.1.1\tpermanent\tuser_unknown",
            qmail
                + "\t1\tkijitora@example.ne.jp\tfailed\t5.5.0\t550\t5.5.0\tpermanent\tuser_unknown");
  }

  @Test
  void dsnReadsOneMessageFromStdinAndLabelsAutoReplies() throws Exception {
    String vacation =
        java.nio.file.Files.readString(java.nio.file.Path.of(fixture("bounces/rfc3834-01.eml")));
    assertThat(run(vacation, "dsn", "-")).isZero();
    assertThat(out())
        .endsWith("-\t1\tkijitora@example.net\tauto_replied\tnone\tnone\tnone\tnone\tauto_reply\n");
  }

  @Test
  void dsnReportsAMessageItCannotUnderstandWithTheReason() {
    assertThat(run("Subject: hello\n\nJust a note.\n", "dsn", "-"))
        .isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(out()).endsWith("-\t1\tnone\tnot_understood\tnone\tnone\tnone\tnone\tnone\n");
    assertThat(err()).contains("-: not understood: no delivery-status part");
  }

  @Test
  void dsnNeedsAFile() {
    assertThat(run("", "dsn")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(run("", "dsn", "/no/such/bounce.eml")).isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(err()).contains("/no/such/bounce.eml: cannot read");
  }

  @Test
  void dsnReadsEveryMessageOfAMaildir() throws Exception {
    java.nio.file.Path maildir = java.nio.file.Files.createTempDirectory("maildir");
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      java.nio.file.Files.createDirectory(maildir.resolve(sub));
    }
    java.nio.file.Files.copy(
        java.nio.file.Path.of(fixture("bounces/lhost-qmail-01.eml")),
        maildir.resolve("cur/1.host:2,S"));
    java.nio.file.Files.copy(
        java.nio.file.Path.of(fixture("bounces/lhost-gmail-01.eml")),
        maildir.resolve("new/2.host"));
    assertThat(run("", "dsn", maildir.toString())).isZero();
    assertThat(out().split("\n"))
        .hasSize(3)
        .anyMatch(
            l -> l.startsWith(maildir.resolve("cur/1.host:2,S") + "\t1\tkijitora@example.ne.jp"))
        .anyMatch(l -> l.startsWith(maildir.resolve("new/2.host") + "\t1\tuserunknown@example.jp"));
  }
}
