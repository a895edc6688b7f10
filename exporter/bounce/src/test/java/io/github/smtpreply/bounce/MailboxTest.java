package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxTest {
  private static List<String> messages(String mbox) throws IOException {
    Mailbox mailbox = new Mailbox(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)));
    List<String> out = new ArrayList<>();
    for (byte[] m = mailbox.next(); m != null; m = mailbox.next()) {
      out.add(new String(m, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void splitsAtPostmarksAndUnescapesFromLines() throws IOException {
    List<String> messages =
        messages(
            """
            From MAILER-DAEMON  Thu Jul  2 12:05:05 2020
            Subject: one

            >From the start
            >>From deeper
            From is only a word here: no postmark, no blank line before

            From someone@example.com Fri Jul  3 08:00:00 2020
            Subject: two

            body
            From double-bounce@example.com  Sat Jul  4 09:00:00 2020
            Subject: three
            """);
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0))
        .startsWith("Subject: one\n")
        .contains("\nFrom the start\n>From deeper\nFrom is only a word here");
    assertThat(messages.get(1)).isEqualTo("Subject: two\n\nbody\n");
    assertThat(messages.get(2)).isEqualTo("Subject: three\n");
  }

  @Test
  void aPlainMessageIsOneMessageAsItIs() throws IOException {
    assertThat(messages("Subject: x\n\nFrom here on\n"))
        .containsExactly("Subject: x\n\nFrom here on\n");
    assertThat(messages("")).containsExactly("");
  }

  @Test
  void readsEveryBounceOfAMailbox() throws IOException {
    StringBuilder mbox = new StringBuilder();
    for (String name : new String[] {"lhost-qmail-01.eml", "lhost-postfix-02.eml"}) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/bounces/" + name)) {
        mbox.append("From MAILER-DAEMON Thu Apr 29 23:34:45 2021\n")
            .append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
            .append('\n');
      }
    }
    List<Bounce> bounces =
        BounceReader.standard()
            .readMailbox(
                new ByteArrayInputStream(mbox.toString().getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(bounces).extracting(Bounce::format).containsExactly("qmail", "rfc3464");
    assertThat(bounces.get(1).recipients()).hasSize(2);
  }

  @Test
  void linesLongerThanTheReadBufferAndTheLineLimit() throws IOException {
    String longLine = "x".repeat(20_000);
    String tooLong = "y".repeat((1 << 20) + 10);
    List<String> messages =
        messages(
            "From a@example.com Thu Jul  2 12:05:05 2020\n"
                + longLine
                + "\n"
                + tooLong
                + "\nFrom b@example.com Thu Jul  2 12:05:06 2020\nlast line without LF");
    assertThat(messages)
        .containsExactly(
            longLine + "\n" + tooLong.substring(0, 1 << 20) + "\n", "last line without LF\n");
  }

  @Test
  void aPlainMessageLongerThanTheReadBufferIsReadWhole() throws IOException {
    String message = "Subject: x\n\n" + "body line\n".repeat(5_000);
    assertThat(messages(message)).containsExactly(message);
  }
}
