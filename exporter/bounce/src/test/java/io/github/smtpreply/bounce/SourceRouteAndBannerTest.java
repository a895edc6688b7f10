package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Source-routed recipients (RFC 5321 §4.1.2 A-d-l) and antivirus banners in a bounce's text. The
 * shapes are those of real non-delivery reports; addresses are example.org ones.
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
}
