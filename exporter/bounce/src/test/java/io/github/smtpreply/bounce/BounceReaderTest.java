package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Flag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One real bounce per format the reader supports (fixtures/bounces, from sisimai's set-of-emails,
 * BSD 2-Clause), plus hand-written reports for the RFC 3464 and RFC 6533 details.
 */
class BounceReaderTest {
  private final BounceReader reader = BounceReader.standard();

  /** Every recipient of a fixture file, across its messages when it is an mbox. */
  static List<BounceRecipient> recipients(String name) throws IOException {
    try (InputStream in = BounceReaderTest.class.getResourceAsStream("/fixtures/bounces/" + name)) {
      assertThat(in).as(name).isNotNull();
      return BounceReader.standard().readMailbox(in).stream()
          .flatMap(b -> b.recipients().stream())
          .toList();
    }
  }

  static Bounce fixture(String name) throws IOException {
    try (InputStream in = BounceReaderTest.class.getResourceAsStream("/fixtures/bounces/" + name)) {
      assertThat(in).as(name).isNotNull();
      return BounceReader.standard().read(in);
    }
  }

  static Bounce read(String message) {
    return BounceReader.standard().read(message.getBytes(StandardCharsets.UTF_8));
  }

  // Several replies in one diagnostic: the decisive one is the last failing reply that is not
  // quoted (ReplyFinder): amazonworkmail-07's "554 4.4.7 Message expired ... <421 4.4.2 ...>" is
  // the 554 (the 421 is its cause); v5sendmail-07's transcript ends with "550 Host unknown".
  @ParameterizedTest(name = "{0} #{1}: {2} {3} {4} {5} {6} {7}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file                     | # | recipient                          | action       | status | code | class     | reason
          lhost-postfix-02.eml        | 1 | filtered@example.co.jp             | failed       | 5.2.1  | 550  | permanent | user_unknown
          lhost-postfix-02.eml        | 2 | userunknown@example.co.jp          | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-exchange2007-01.eml   | 1 | mikeneko@example.co.jp             | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-office365-01.eml      | 1 | kijitora@example.com               | failed       | 5.1.10 | 550  | permanent | user_unknown
          lhost-sendmail-15.eml       | 1 | @mx.example.org                    | failed       | 5.1.2  | 550  | permanent | host_unknown
          lhost-exim-60.eml           | 1 | /mail/spool/q002.kijitora.gol.com/gol.com/22r/cat/n2.nyaan | failed | 5.0.0 | none | permanent | mailbox_full
          lhost-amazonworkmail-07.eml | 1 | kijitora@libsisimai.org            | failed       | 4.4.7  | 554  | permanent | expired
          lhost-qmail-01.eml          | 1 | kijitora@example.ne.jp             | failed       | 5.5.0  | 550  | permanent | user_unknown
          lhost-exim-04.eml           | 1 | kijitora@example.ed.jp             | failed       | 5.7.0  | 550  | permanent | blocked
          lhost-exim-06.eml           | 1 | kijitora@example.com               | failed       | 5.4.7  | none | permanent | expired
          lhost-gmx-03.eml            | 1 | mikeneko@example.co.jp             | failed       | 5.2.1  | none | permanent | user_unknown
          lhost-gmx-03.eml            | 2 | sabineko@example.co.jp             | failed       | 5.2.2  | none | permanent | mailbox_full
          lhost-v5sendmail-07.eml     | 1 | kijitora@example.org               | failed       | 5.1.2  | 550  | permanent | host_unknown
          lhost-v5sendmail-07.eml     | 2 | mikeneko@example.org               | failed       | 5.1.2  | 550  | permanent | host_unknown
          lhost-v5sendmail-07.eml     | 3 | hachiware@example.edu              | failed       | 5.0.0  | 550  | permanent | user_unknown
          lhost-exchange2003-02.eml   | 1 | kijitora@example.co.jp             | failed       | 5.1.1  | none | permanent | user_unknown
          lhost-exchange2003-02.eml   | 2 | mikeneko@example.co.jp             | failed       | 5.1.1  | none | permanent | user_unknown
          lhost-gmail-01.eml          | 1 | userunknown@example.jp             | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-yahoo-01.eml          | 1 | kijitora@example.org               | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-dragonfly-01.eml      | 1 | pseudo-local-part@google.example.com | failed     | 5.7.26 | 550  | permanent | sender_auth
          lhost-trendmicro-01.eml     | 1 | kijitora@example.co.jp             | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-imailserver-01.eml    | 1 | kijitora@example.com               | failed       | 5.1.1  | none | permanent | user_unknown
          lhost-amazonses-01.eml      | 1 | shironeko@example.co.jp            | failed       | 5.1.0  | 550  | permanent | auth_required
          rfc3464-04.eml              | 1 | kijitora@mailx-53.neko.example.edu | failed       | 5.5.0  | 554  | permanent | mailer_error
          lhost-x5-01.eml             | 1 | kijitora@neko.example.org          | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-postfix-07.eml        | 1 | kijitora@user.example.or.jp        | failed       | 5.0.0  | 550  | permanent | user_unknown
          lhost-apachejames-01.eml    | 1 | 000000000000@vtext.example.com     | failed       | 5.0.0  | 550  | permanent | user_unknown
          lhost-opensmtpd-12.eml      | 1 | neko@nyaan.jp                      | delayed      | 4.0.0  | none | transient | not_accepting
          lhost-courier-01.eml        | 1 | kijitora@example.co.jp             | failed       | 5.1.1  | 550  | permanent | user_unknown
          rhost-cox-01.eml            | 1 | recipient55@cox.net                | failed       | 5.1.0  | 550  | permanent | blocked
          rhost-cox-01.eml            | 2 | recipient55@cox.net                | failed       | 5.1.0  | 550  | permanent | blocked
          lhost-amazonses-10.eml      | 1 | bounce@simulator.amazonses.com     | failed       | 5.1.1  | 550  | permanent | user_unknown
          lhost-amazonses-12.eml      | 1 | success@simulator.amazonses.com    | delivered    | 2.6.0  | 250  | success   | none
          lhost-amazonses-11.eml      | 1 | complaint@simulator.amazonses.com  | feedback     | none   | none | unknown   | feedback
          arf-02.eml                  | 1 | this-local-part-does-not-exist-on-yahoo@yahoo.com | feedback | none | none | unknown | feedback
          arf-22.eml                  | 1 | kijitora@example.com               | feedback     | none   | none | unknown   | feedback
          rfc3834-01.eml              | 1 | kijitora@example.net               | auto_replied | none   | none | unknown   | auto_reply
          rfc3834-03.eml              | 1 | kijitora@apple.example.com         | auto_replied | none   | none | unknown   | auto_reply
          """)
  void readsEachRecipientOfRealBounces(
      String file,
      int index,
      String recipient,
      String action,
      String status,
      String code,
      String replyClass,
      String reason)
      throws IOException {
    List<BounceRecipient> recipients = recipients(file);
    assertThat(recipients).hasSizeGreaterThanOrEqualTo(index);
    BounceRecipient r = recipients.get(index - 1);
    Classification c = r.classification();
    assertThat(r.recipient()).isEqualTo(recipient);
    assertThat(r.action().label()).isEqualTo(action);
    assertThat(c.statusLabel()).isEqualTo(status);
    assertThat(c.codeLabel()).isEqualTo(code);
    assertThat(c.replyClass().label()).isEqualTo(replyClass);
    assertThat(c.reason().label()).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "lhost-postfix-02.eml, delivery_status, rfc3464, 2",
    "lhost-qmail-01.eml, text_bounce, qmail, 1",
    "lhost-exim-04.eml, text_bounce, exim, 1",
    "lhost-gmail-01.eml, text_bounce, gmail, 1",
    "lhost-v5sendmail-07.eml, text_bounce, sendmail, 3",
    "lhost-amazonses-10.eml, delivery_status, amazon_ses, 1",
    "arf-02.eml, feedback, arf, 1",
    "arf-22.eml, feedback, feedback, 1",
    "rfc3834-01.eml, auto_reply, rfc3834, 1",
    "rfc3464-04.eml, delivery_status, rfc3464, 1",
    "lhost-x5-01.eml, delivery_status, rfc3464, 1",
  })
  void namesTheKindAndFormat(String file, String kind, String format, int recipients)
      throws IOException {
    Bounce bounce = fixture(file);
    assertThat(bounce.kind().label()).isEqualTo(kind);
    assertThat(bounce.format()).isEqualTo(format);
    assertThat(bounce.recipients()).hasSize(recipients);
  }

  @Test
  void keepsTheReturnedOriginalsMessageIdAndSubject() throws IOException {
    Bounce fromPart = fixture("lhost-postfix-02.eml");
    assertThat(fromPart.originalMessageId()).isNull();
    assertThat(fromPart.originalSubject()).isEqualTo("test");
    Bounce fromText = fixture("lhost-qmail-01.eml");
    assertThat(fromText.originalMessageId())
        .isEqualTo("<000000000.9999999999999.JavaMail.postmaster@mailhub>");
    assertThat(fromText.originalSubject()).isEqualTo("Message");
  }

  private static final String REPORT_HEAD =
      """
      From: MAILER-DAEMON@mx.example.net
      To: sender@example.org
      Subject: Delivery Status Notification
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="B"

      --B
      Content-Type: text/plain

      Delivery failed.

      --B
      """;

  @Test
  void readsPerMessageAndPerRecipientFieldsFoldedAndTyped() {
    Bounce bounce =
        read(
            REPORT_HEAD
                + """
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net
                Original-Envelope-Id: 0123-abc
                Arrival-Date: Thu, 29 Apr 2021 23:34:45 +0900

                Final-Recipient: rfc822; <first@example.com>
                Original-Recipient: rfc822;First@Example.com
                Action: failed (bad mailbox)
                Status: 5.1.1 (unknown user)
                Remote-MTA: dns; mx.example.com
                Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach
                 does not exist.
                Last-Attempt-Date: Thu, 29 Apr 2021 23:34:46 +0900
                final-recipient: RFC822; second@example.com
                ACTION: delayed
                STATUS: 4.2.2
                Diagnostic-Code: smtp; 452 4.2.2 Mailbox full, try again later

                Final-Recipient: rfc822; third@example.com
                Action: delivered
                Status: 2.0.0

                --B--
                """);
    assertThat(bounce.kind()).isEqualTo(BounceKind.DELIVERY_STATUS);
    assertThat(bounce.reportingMta()).isEqualTo("mx.example.net");
    assertThat(bounce.envelopeId()).isEqualTo("0123-abc");
    assertThat(bounce.arrivalDate()).isEqualTo("Thu, 29 Apr 2021 23:34:45 +0900");
    List<BounceRecipient> rs = bounce.recipients();
    assertThat(rs)
        .extracting(BounceRecipient::recipient)
        .containsExactly("first@example.com", "second@example.com", "third@example.com");
    BounceRecipient first = rs.get(0);
    assertThat(first.originalRecipient()).isEqualTo("First@Example.com");
    assertThat(first.remoteMta()).isEqualTo("mx.example.com");
    assertThat(first.lastAttempt()).isEqualTo("Thu, 29 Apr 2021 23:34:46 +0900");
    assertThat(first.diagnostic())
        .isEqualTo("550-5.1.1 The email account that you tried to reach does not exist.");
    assertThat(first.action()).isEqualTo(Action.FAILED);
    assertThat(first.classification().statusLabel()).isEqualTo("5.1.1");
    assertThat(first.classification().reason().label()).isEqualTo("user_unknown");
    assertThat(rs.get(1).action()).isEqualTo(Action.DELAYED);
    assertThat(rs.get(1).classification().replyClass().label()).isEqualTo("transient");
    assertThat(rs.get(1).classification().reason().label()).isEqualTo("mailbox_full");
    assertThat(rs.get(2).action()).isEqualTo(Action.DELIVERED);
    assertThat(rs.get(2).classification().replyClass().label()).isEqualTo("success");
  }

  @Test
  void readsGlobalDeliveryStatusWithUtf8Addresses() {
    Bounce bounce =
        read(
            REPORT_HEAD.replace("delivery-status;", "global-delivery-status;")
                + """
                Content-Type: message/global-delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: utf-8; 用户@例子.广告
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <用户@例子.广告>: Recipient address rejected

                --B--
                """);
    assertThat(bounce.format()).isEqualTo("rfc6533");
    assertThat(bounce.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.recipient()).isEqualTo("用户@例子.广告");
              assertThat(r.classification().codeLabel()).isEqualTo("550");
              assertThat(r.classification().reason().label()).isEqualTo("user_unknown");
            });
  }

  @Test
  void takesThePreciseStatusOfTheReplyWhenTheFieldGivesOnlyTheClass() {
    Bounce bounce =
        read(
            REPORT_HEAD
                + """
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; a@example.com
                Action: failed
                Status: 5.0.0
                Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email is not accepted

                --B--
                """);
    Classification c = bounce.recipients().get(0).classification();
    assertThat(c.statusLabel()).isEqualTo("5.7.26");
    assertThat(c.reason().label()).isEqualTo("sender_auth");
  }

  @Test
  void aFailureWithoutCodeOrStatusIsPermanentAndFlagged() throws IOException {
    Bounce bounce =
        read(
            """
            From: MAILER-DAEMON@mx.example.net
            Subject: Undelivered Mail Returned to Sender

            Delivery to the following recipient failed permanently:

                rcpt@example.com

            The server said something this reader has no rule for.
            """);
    Classification c = bounce.recipients().get(0).classification();
    assertThat(c.replyClass().label()).isEqualTo("permanent");
    assertThat(c.has(Flag.CLASS_FROM_REPORT)).isTrue();
    assertThat(c.has(Flag.STATUS_ASSIGNED)).isTrue();
  }

  @Test
  void readsABounceForwardedInlineWithQuoting() {
    Bounce bounce =
        read(
            """
            From: user@example.org
            To: helpdesk@example.org
            Subject: Fwd: Returned mail: see transcript for details

            Begin forwarded message:
            > From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>
            > Message-Id: <200904290210.1234@mx.example.jp>
            >
            >    ----- The following addresses had permanent fatal errors -----
            > <kijitora@example.com>
            >     (reason: 550 5.1.1 <kijitora@example.com>... User unknown)
            >
            >    ----- Transcript of session follows -----
            > ... while talking to mx.example.com.:
            >>>> RCPT To:<kijitora@example.com>
            > <<< 550 5.1.1 <kijitora@example.com>... User unknown
            """);
    assertThat(bounce.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.recipient()).isEqualTo("kijitora@example.com");
              assertThat(r.classification().codeLabel()).isEqualTo("550");
              assertThat(r.classification().reason().label()).isEqualTo("user_unknown");
            });
  }

  @Test
  void aPlainMessageIsNotUnderstoodWithTheReason() {
    Bounce bounce =
        read(
            """
            From: friend@example.org
            To: me@example.com
            Subject: lunch?

            Shall we meet at noon?
            """);
    assertThat(bounce.kind()).isEqualTo(BounceKind.NOT_UNDERSTOOD);
    assertThat(bounce.recipients()).isEmpty();
    assertThat(bounce.problem()).contains("not a bounce format");
  }
}
