package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile messages: each gives a result (never an exception) and its cost is capped
 * by the reader's limits, which the problem text names.
 */
class HostileBounceTest {
  private final BounceReader reader = BounceReader.standard();

  private static final String QMAIL_BODY =
      """
      Hi. This is the qmail-send program at mx.example.net.
      I'm afraid I wasn't able to deliver your message to the following addresses.
      This is a permanent error; I've given up. Sorry it didn't work out.

      <rcpt@example.com>:
      192.0.2.1 does not like recipient.
      Remote host said: 550 5.1.1 <rcpt@example.com>: Recipient address rejected
      Giving up on 192.0.2.1.

      --- Below this line is a copy of the message.
      """;

  private Bounce read(String message) {
    return reader.read(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyInputIsNotUnderstood() {
    Bounce bounce = reader.read(new byte[0]);
    assertThat(bounce.kind()).isEqualTo(BounceKind.NOT_UNDERSTOOD);
    assertThat(bounce.problem()).isNotBlank();
  }

  @Test
  void binaryJunkIsNotUnderstood() {
    byte[] junk = new byte[1 << 20];
    new Random(42).nextBytes(junk);
    Bounce bounce = reader.read(junk);
    assertThat(bounce.kind()).isEqualTo(BounceKind.NOT_UNDERSTOOD);
  }

  @Test
  void endlessNestingStopsAtTheDepthLimit() {
    StringBuilder m = new StringBuilder("From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\n");
    int depth = 5_000;
    for (int i = 0; i < depth; i++) {
      m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b");
      m.append(i).append('\n');
    }
    m.append("Content-Type: text/plain\n\n").append(QMAIL_BODY);
    Bounce bounce = read(m.toString());
    assertThat(bounce.problem()).contains("nested deeper than " + MimeContent.MAX_DEPTH);
  }

  @Test
  void thousandsOfPartsStopAtThePartLimit() {
    StringBuilder m =
        new StringBuilder(
            "From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
    m.append("--b\nContent-Type: text/plain\n\n").append(QMAIL_BODY).append('\n');
    for (int i = 0; i < 10_000; i++) {
      m.append("--b\nContent-Type: application/octet-stream\n\nx\n");
    }
    m.append("--b--\n");
    Bounce bounce = read(m.toString());
    assertThat(bounce.problem()).contains("more than " + MimeContent.MAX_PARTS + " MIME parts");
    assertThat(bounce.recipients())
        .singleElement()
        .satisfies(r -> assertThat(r.recipient()).isEqualTo("rcpt@example.com"));
  }

  @Test
  void aHugeTextPartIsCut() {
    String filler = "x".repeat(100) + "\n";
    String message =
        "From: MAILER-DAEMON@example.net\nContent-Type: text/plain\n\n"
            + QMAIL_BODY
            + filler.repeat(50_000);
    Bounce bounce = read(message);
    assertThat(bounce.problem()).contains("cut");
    assertThat(bounce.recipients()).hasSize(1);
  }

  @Test
  void manyLargeTextPartsStopAtTheTotalTextLimit() {
    StringBuilder m =
        new StringBuilder(
            "From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
    m.append("--b\nContent-Type: text/plain\n\n").append(QMAIL_BODY).append('\n');
    String filler = ("y".repeat(99) + "\n").repeat(2_000);
    for (int i = 0; i < 40; i++) {
      m.append("--b\nContent-Type: text/plain\n\n").append(filler);
    }
    m.append("--b--\n");
    Bounce bounce = read(m.toString());
    assertThat(bounce.problem()).contains("beyond " + MimeContent.MAX_TOTAL_TEXT + " characters");
    assertThat(bounce.recipients()).hasSize(1);
  }

  @Test
  void aTextBounceQuotingOnlyPositiveRepliesIsStillAFailure() {
    Bounce bounce =
        read(
            """
            From: MAILER-DAEMON@example.net
            Subject: Undeliverable: hello

            Delivery to the following recipient failed permanently:

                rcpt@example.com

            Transcript: 220 mx ready / 250 ok / 250 2.1.0 sender ok
            """);
    assertThat(bounce.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo(Action.FAILED);
              assertThat(r.classification().replyClass().label()).isEqualTo("permanent");
              assertThat(r.classification().codeLabel()).isEqualTo("none");
            });
  }

  @Test
  void aMessageOverTheSizeLimitIsReadUpToIt() throws IOException {
    byte[] head =
        ("From: MAILER-DAEMON@example.net\nContent-Type: text/plain\n\n" + QMAIL_BODY)
            .getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[BounceReader.MAX_MESSAGE_BYTES + 1024];
    java.util.Arrays.fill(message, (byte) 'y');
    System.arraycopy(head, 0, message, 0, head.length);
    Bounce bounce = reader.read(new ByteArrayInputStream(message));
    assertThat(bounce.problem()).contains("longer than " + BounceReader.MAX_MESSAGE_BYTES);
    assertThat(bounce.recipients()).hasSize(1);
  }

  @Test
  void anUnknownCharsetFallsBackAndTheBounceIsRead() {
    Bounce bounce =
        read(
            "From: MAILER-DAEMON@example.net\nContent-Type: text/plain; charset=x-no-such-set\n"
                + "Content-Transfer-Encoding: 8bit\n\n"
                + QMAIL_BODY.replace("Sorry", "Désolé"));
    assertThat(bounce.kind()).isEqualTo(BounceKind.TEXT_BOUNCE);
    assertThat(bounce.recipients().get(0).classification().codeLabel()).isEqualTo("550");
  }

  @Test
  void aMultipartWithoutBoundaryIsReadAsText() {
    Bounce bounce =
        read(
            "From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status\n\n"
                + QMAIL_BODY);
    assertThat(bounce.recipients())
        .singleElement()
        .satisfies(r -> assertThat(r.classification().statusLabel()).isEqualTo("5.1.1"));
  }

  @Test
  void brokenBase64AndAnUnknownTransferEncodingDoNotThrow() {
    Bounce bounce =
        read(
            """
            From: MAILER-DAEMON@example.net
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain
            Content-Transfer-Encoding: x-martian

            Delivery failed.
            --B
            Content-Type: message/delivery-status
            Content-Transfer-Encoding: base64

            !!!! not base64 at all ~~~~ @@@@
            --B--
            """);
    assertThat(bounce).isNotNull();
    assertThat(bounce.kind()).isIn(BounceKind.NOT_UNDERSTOOD, BounceKind.TEXT_BOUNCE);
  }

  @Test
  void aMegabyteHeaderLineDoesNotThrow() {
    Bounce bounce =
        read(
            "From: MAILER-DAEMON@example.net\nX-Long: "
                + "z".repeat(1 << 20)
                + "\n\n"
                + QMAIL_BODY);
    assertThat(bounce.recipients()).hasSize(1);
  }
}
