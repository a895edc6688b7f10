package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Source-routed recipients (RFC 5321 §4.1.2 A-d-l), antivirus banners in a bounce's text, and the
 * returned original's header sent as a text part. The shapes are those of real non-delivery
 * reports; addresses are example.org ones.
 */
class SourceRouteAndBannerTest {
  @Test
  void removesTheSourceRoute() {
    assertThat(BounceRecipient.withoutSourceRoute("@relay.example.net:user@example.org"))
        .isEqualTo("user@example.org");
    assertThat(BounceRecipient.withoutSourceRoute("<@a.example,@b.example:user@example.org>"))
        .isEqualTo("user@example.org");
    assertThat(BounceRecipient.withoutSourceRoute("user@example.org"))
        .isEqualTo("user@example.org");
  }

  @Test
  void aVirusFreeBannerDoesNotMakeTheBounceAVirus() {
    String message =
        """
        From: MAILER-DAEMON@mx.example.net
        To: sender@example.com
        Subject: Undelivered Mail Returned to Sender
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.net.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <@relay.example.net:user@example.org>: host mail.example.org[192.0.2.1] said:
            550 5.1.1 <user@example.org>: Recipient address rejected: User unknown
            (in reply to RCPT TO command)

        --
        Mail scanned as virus free by the example.net mail gateway.
        Analizado con NOD32 antivirus system.
        """
            .replace("\n", "\r\n");
    Bounce bounce = BounceReader.standard().read(message.getBytes(StandardCharsets.US_ASCII));
    assertThat(bounce.recipients()).isNotEmpty();
    BounceRecipient r = bounce.recipients().get(0);
    assertThat(r.classification().reason()).isEqualTo(Reason.USER_UNKNOWN);
    assertThat(r.recipient()).isEqualTo("user@example.org");
  }

  /**
   * A delay report whose returned header comes as a text/plain part after the report, with a
   * scanner's spam fields in it: the header is the original's, not the diagnostic.
   */
  @Test
  void aHeaderSentAsATextPartIsTheOriginalsNotTheDiagnostic() {
    String message =
        """
        From: postmaster@mx.example.net
        To: sender@example.com
        Subject: Delivery Notification: Delivery has been delayed
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary=b1

        --b1
        Content-Type: text/plain; charset=us-ascii

        Your message has been enqueued and undeliverable for 1 day
        to the following recipients:

          Recipient address: user@example.org
          Reason: unable to deliver this message after 1 day

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns;mx.example.net

        Final-recipient: rfc822;user@example.org
        Action: delayed
        Status: 4.4.7 (unable to deliver this message after 1 day)

        --b1
        Content-Type: text/plain

        Return-path: <sender@example.com>
        Received: from client.example.com ([192.0.2.21]) by mx.example.net
         with ESMTPSA id <1@mx.example.net>; Thu, 20 Nov 2014 17:52:09 +0000 (GMT)
        From: Sender <sender@example.com>
        Subject: Hello
        To: user@example.org
        Message-id: <2@example.com>
        X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=0
         classifier=spam adjust=0

        --b1--
        """
            .replace("\n", "\r\n");
    Bounce bounce = BounceReader.standard().read(message.getBytes(StandardCharsets.US_ASCII));
    assertThat(bounce.originalSubject()).isEqualTo("Hello");
    assertThat(bounce.originalMessageId()).isEqualTo("<2@example.com>");
    BounceRecipient r = bounce.recipients().get(0);
    assertThat(r.recipient()).isEqualTo("user@example.org");
    assertThat(r.classification().reason()).isEqualTo(Reason.EXPIRED);
    assertThat(r.diagnostic()).doesNotContain("spam");
  }
}
