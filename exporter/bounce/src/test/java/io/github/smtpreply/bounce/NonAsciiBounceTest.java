package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classification;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bounces in Japanese and Chinese, read end to end: the text decoded from its charset and transfer
 * encoding, header fields from RFC 2047 encoded-words, then matched by the rule book.
 *
 * <p>Every message is built here, as bytes, in the shapes the MTAs and mailers write: ISO-2022-JP
 * in 7bit (RFC 1468, the usual Japanese mail charset), Shift_JIS and EUC-JP in quoted-printable and
 * base64, GB2312/GBK and Big5, UTF-8 in 8bit; encoded-words (RFC 2047) in B and Q, folded, adjacent
 * and split inside a character. The texts follow the layouts the vendors document: HCL Domino's
 * non-delivery report ("… は Domino ディレクトリには見つかりません") and the Japanese error mail DTI publishes ("…
 * のユーザーは登録されていません"); the wording around them is ours.
 */
class NonAsciiBounceTest {
  private static final String DOMINO =
      """
      次の文書は配信されませんでした:

        件名: 会議の件

      宛先:

        taro@example.jp

      理由:

        ユーザー taro@example.jp (taro@example.jp) は Domino ディレクトリには見つかりません
      """;

  private static final String DTI =
      """
      送信されたメールは次の理由で届けることができませんでした。

      受取人: <hanako@example.ne.jp>
      原因: <hanako@example.ne.jp> のユーザーは登録されていません
      """;

  private static final String GBK =
      """
      您好，您发送的邮件未能投递到以下收件人：

      wang@example.cn (王喆)
      退信原因：550 5.1.1 用户不存在 (User unknown)
      """;

  private static final String BIG5 =
      """
      您好，您寄出的郵件無法送達下列收件者：

      chen@example.tw
      退信原因：550 5.1.1 收件者不存在 (User unknown)
      """;

  @ParameterizedTest(name = "{0} in {1}, {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # text | declared charset | transfer encoding | encoded with
          DOMINO | ISO-2022-JP       | 7bit             | ISO-2022-JP
          DOMINO | iso-2022-jp-2     | 7bit             | ISO-2022-JP
          DOMINO | "Shift-JIS"       | quoted-printable | Shift_JIS
          DOMINO | x-sjis            | base64           | Shift_JIS
          DOMINO | cp932             | base64           | windows-31j
          DOMINO | EUC-JP            | quoted-printable | EUC-JP
          DOMINO | euc-jp            | base64           | EUC-JP
          DOMINO | utf-8             | 8bit             | UTF-8
          DTI    | ISO-2022-JP       | 7bit             | ISO-2022-JP
          DTI    | Shift_JIS         | base64           | Shift_JIS
          DTI    | EUC-JP            | quoted-printable | EUC-JP
          DTI    | UTF-8             | base64           | UTF-8
          """)
  void japaneseUserUnknownIsDecodedAndMatched(
      String text, String declared, String transfer, String encodedWith) {
    String body = text.equals("DOMINO") ? DOMINO : DTI;
    String recipient = text.equals("DOMINO") ? "taro@example.jp" : "hanako@example.ne.jp";
    byte[] message =
        message(
            "From: Postmaster@mail.example.jp\r\n"
                + "To: sender@example.com\r\n"
                + "Subject: "
                + bWord("配信不能", "ISO-2022-JP")
                + "\r\n",
            "text/plain; charset=" + declared,
            transfer,
            body.getBytes(Charset.forName(encodedWith)));
    Bounce bounce = BounceReader.standard().read(message);

    assertThat(bounce.problem()).isNull();
    assertThat(bounce.recipients()).hasSize(1);
    BounceRecipient r = bounce.recipients().get(0);
    Classification c = r.classification();
    assertThat(r.recipient()).isEqualTo(recipient);
    assertThat(c.codeLabel()).isEqualTo("none");
    assertThat(c.statusLabel()).isEqualTo("5.1.1");
    assertThat(c.replyClass().label()).isEqualTo("permanent");
    assertThat(c.reason().label()).isEqualTo("user_unknown");
    assertThat(r.diagnostic()).contains(text.equals("DOMINO") ? "Domino ディレクトリ" : "登録されていません");
  }

  @ParameterizedTest(name = "{1}, {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # text | declared charset | transfer encoding | encoded with | recipient      | words
          GBK    | gb2312           | base64            | GBK          | wang@example.cn | 用户不存在 (王喆)
          GBK    | GBK              | quoted-printable  | GBK          | wang@example.cn | 用户不存在 (王喆)
          BIG5   | big5             | quoted-printable  | Big5         | chen@example.tw | 收件者不存在
          BIG5   | Big5             | base64            | Big5         | chen@example.tw | 收件者不存在
          """)
  void chineseTextIsDecoded(
      String text,
      String declared,
      String transfer,
      String encodedWith,
      String recipient,
      String words) {
    String body = text.equals("GBK") ? GBK : BIG5;
    Bounce bounce = read("text/plain; charset=" + declared, transfer, body, encodedWith);
    assertThat(bounce.problem()).isNull();
    BounceRecipient r = bounce.recipients().get(0);
    assertThat(r.recipient()).isEqualTo(recipient);
    assertThat(r.classification().codeLabel()).isEqualTo("550");
    assertThat(r.classification().statusLabel()).isEqualTo("5.1.1");
    assertThat(r.classification().reason().label()).isEqualTo("user_unknown");
    for (String word : words.split(" ")) {
      assertThat(bounce.recipients().get(0).diagnostic() + bounceText(bounce)).contains(word);
    }
  }

  /**
   * An unknown charset, and labels the bytes contradict: ISO-2022-JP is 7bit, so mailers that never
   * look at the text label it us-ascii; UTF-8 goes out labelled with the sender's Latin-1 default.
   * The text is read all the same, and the bounce says what was wrong.
   */
  @ParameterizedTest(name = "{1} labelled {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # declared | text   | transfer encoding | encoded with | recipient            | problem
          x-klingon  | DOMINO | 8bit              | UTF-8        | taro@example.jp      | unknown charset "x-klingon", read as UTF-8
          us-ascii   | DOMINO | 7bit              | ISO-2022-JP  | taro@example.jp      | charset "us-ascii" declared, but the text is ISO-2022-JP
          iso-8859-1 | DTI    | 8bit              | UTF-8        | hanako@example.ne.jp | charset "iso-8859-1" declared, but the text is UTF-8
          """)
  void wrongOrUnknownCharsetIsReadAndSaid(
      String declared,
      String text,
      String transfer,
      String encodedWith,
      String recipient,
      String problem) {
    String body = text.equals("DOMINO") ? DOMINO : DTI;
    Bounce bounce = read("text/plain; charset=" + declared, transfer, body, encodedWith);
    assertThat(bounce.problem()).isEqualTo("a text/plain part: " + problem);
    BounceRecipient r = bounce.recipients().get(0);
    assertThat(r.recipient()).isEqualTo(recipient);
    assertThat(r.classification().reason().label()).isEqualTo("user_unknown");
  }

  @Test
  void bytesNotValidInTheDeclaredCharsetAreSaid() {
    byte[] body = DOMINO.getBytes(Charset.forName("EUC-JP"));
    body = Arrays.copyOf(body, body.length + 2);
    body[body.length - 2] = (byte) 0xff;
    body[body.length - 1] = (byte) 0xfe;
    Bounce bounce =
        BounceReader.standard()
            .read(message(headers("Undeliverable"), "text/plain; charset=euc-jp", "8bit", body));
    assertThat(bounce.problem()).contains("euc-jp");
    assertThat(bounce.recipients().get(0).classification().reason().label())
        .isEqualTo("user_unknown");
  }

  /**
   * A report (RFC 6533) whose diagnostic is UTF-8, a human-readable part in ISO-2022-JP, and the
   * returned original whose Subject is adjacent encoded-words: one split inside a character, the
   * next in another encoding, on folded lines. The whitespace between them vanishes (RFC 2047
   * §6.2).
   */
  @Test
  void globalReportWithEncodedOriginalSubject() {
    byte[] subject = "会議の件".getBytes(StandardCharsets.UTF_8);
    String originalSubject =
        bWord(Arrays.copyOfRange(subject, 0, 4), "UTF-8")
            + "\r\n "
            + bWord(Arrays.copyOfRange(subject, 4, subject.length), "utf-8")
            + "\r\n\t"
            + qWord("について", "UTF-8");
    String report =
        "Reporting-MTA: dns; mail.example.jp\r\n"
            + "\r\n"
            + "Final-Recipient: rfc822; taro@example.jp\r\n"
            + "Action: failed\r\n"
            + "Status: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 ユーザー taro@example.jp は Domino ディレクトリには見つかりません\r\n";
    String message =
        headers("Delivery Status Notification")
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=global-delivery-status; boundary=b1\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
            + "\r\n"
            + new String(
                DOMINO.getBytes(Charset.forName("ISO-2022-JP")), StandardCharsets.ISO_8859_1)
            + "\r\n--b1\r\n"
            + "Content-Type: message/global-delivery-status\r\n"
            + "\r\n"
            + new String(report.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
            + "\r\n--b1\r\n"
            + "Content-Type: message/rfc822\r\n"
            + "\r\n"
            + "From: sender@example.com\r\n"
            + "To: taro@example.jp\r\n"
            + "Subject: "
            + originalSubject
            + "\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "\r\n"
            + "本文\r\n"
            + "--b1--\r\n";
    Bounce bounce = BounceReader.standard().read(message.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(bounce.problem()).isNull();
    assertThat(bounce.format()).isEqualTo("rfc6533");
    assertThat(bounce.originalSubject()).isEqualTo("会議の件について");
    BounceRecipient r = bounce.recipients().get(0);
    assertThat(r.recipient()).isEqualTo("taro@example.jp");
    assertThat(r.classification().codeLabel()).isEqualTo("550");
    assertThat(r.classification().statusLabel()).isEqualTo("5.1.1");
    assertThat(r.classification().reason().label()).isEqualTo("user_unknown");
  }

  /**
   * An auto-reply whose Subject is ISO-2022-JP encoded-words split across a folded line and whose
   * From display name is a Q encoded-word: the subject reaches the classification decoded, the
   * address is taken from behind the name.
   */
  @Test
  void encodedSubjectAndFromOfAnAutoReply() {
    byte[] subject = "不在通知：八月十日まで休暇中です".getBytes(Charset.forName("ISO-2022-JP"));
    String folded =
        bWord(Arrays.copyOfRange(subject, 0, 20), "iso-2022-jp")
            + "\r\n "
            + bWord(Arrays.copyOfRange(subject, 20, subject.length), "ISO-2022-JP");
    String message =
        "From: "
            + qWord("山田 太郎", "Shift_JIS")
            + " <taro@example.jp>\r\n"
            + "To: sender@example.com\r\n"
            + "Subject: "
            + folded
            + "\r\n"
            + "Auto-Submitted: auto-replied\r\n"
            + "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
            + "\r\n"
            + "Out of office.\r\n";
    Bounce bounce = BounceReader.standard().read(message.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(bounce.kind()).isEqualTo(BounceKind.AUTO_REPLY);
    BounceRecipient r = bounce.recipients().get(0);
    assertThat(r.recipient()).isEqualTo("taro@example.jp");
    assertThat(r.classification().text()).isEqualTo("不在通知：八月十日まで休暇中です");
  }

  @Test
  void anEncodedWordInAnUnknownCharsetIsKeptAndSaid() {
    String message =
        "From: MAILER-DAEMON@example.jp\r\n"
            + "To: sender@example.com\r\n"
            + "Subject: "
            + bWord("Undeliverable".getBytes(StandardCharsets.US_ASCII), "x-klingon")
            + "\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "taro@example.jp\r\n550 5.1.1 User unknown\r\n";
    Bounce bounce = BounceReader.standard().read(message.getBytes(StandardCharsets.US_ASCII));
    assertThat(bounce.problem()).contains("x-klingon");
    assertThat(bounce.recipients().get(0).classification().reason().label())
        .isEqualTo("user_unknown");
  }

  // ---------------------------------------------------------------------------------------------

  private static String bounceText(Bounce bounce) {
    return bounce.recipients().stream().map(BounceRecipient::diagnostic).toList().toString();
  }

  private static Bounce read(String contentType, String transfer, String body, String encodedWith) {
    return BounceReader.standard()
        .read(
            message(
                headers("Undeliverable"),
                contentType,
                transfer,
                body.getBytes(Charset.forName(encodedWith))));
  }

  private static String headers(String subject) {
    return "From: MAILER-DAEMON@mail.example.jp\r\n"
        + "To: sender@example.com\r\n"
        + "Subject: "
        + subject
        + "\r\n";
  }

  /** A single-part message: {@code headers}, then the body transfer-encoded. */
  static byte[] message(String headers, String contentType, String transfer, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(
        ("MIME-Version: 1.0\r\nContent-Type: "
                + contentType
                + "\r\nContent-Transfer-Encoding: "
                + transfer
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(transferEncoded(body, transfer));
    return out.toByteArray();
  }

  private static byte[] transferEncoded(byte[] body, String transfer) {
    switch (transfer) {
      case "base64":
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(body);
      case "quoted-printable":
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
          qp.write(body);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return out.toByteArray();
      default:
        return new String(body, StandardCharsets.ISO_8859_1)
            .replaceAll("\r?\n", "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** An RFC 2047 B encoded-word of {@code text} in {@code charset}. */
  static String bWord(String text, String charset) {
    return bWord(text.getBytes(Charset.forName(charset)), charset);
  }

  static String bWord(byte[] bytes, String charset) {
    return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
  }

  /** An RFC 2047 Q encoded-word of {@code text} in {@code charset}. */
  static String qWord(String text, String charset) {
    StringBuilder out = new StringBuilder("=?" + charset + "?Q?");
    for (byte b : text.getBytes(Charset.forName(charset))) {
      int c = b & 0xff;
      if (c == ' ') {
        out.append('_');
      } else if (c > 0x20 && c < 0x7f && "=?_()\"".indexOf(c) < 0) {
        out.append((char) c);
      } else {
        out.append(String.format("=%02X", c));
      }
    }
    return out.append("?=").toString();
  }
}
