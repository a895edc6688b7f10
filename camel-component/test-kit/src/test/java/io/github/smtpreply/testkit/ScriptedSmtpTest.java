package io.github.smtpreply.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Angus Mail, a real client, against the scripted server: each stage, scripted as users would. */
class ScriptedSmtpTest {
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();

  private static final String ANN = "ann@example.com";
  private static final String BOB = "bob@example.com";
  private static final String CAROL = "carol@example.com";

  @Test
  void acceptsAndRecordsAMessageByDefault() throws Exception {
    String reply = new Mailer(smtp).body("Hello Ann,\r\n.hidden dot\r\n").send(ANN);

    SmtpAssertions.assertThat(smtp).receivedMessageFor(ANN).receivedMessages(1).sawConnections(1);
    ReceivedMessage message = smtp.messagesFor(ANN).get(0);
    assertThat(reply).isEqualTo("250 2.0.0 Ok: queued as " + message.queueId() + "\n");
    assertThat(message.sender()).isEqualTo("sender@example.com");
    assertThat(message.recipients()).containsExactly(ANN);
    assertThat(message.header("Subject")).contains("invoice");
    // The client doubled the leading dot; the server took one away (RFC 5321 §4.5.2).
    assertThat(message.text()).contains("\r\n\r\nHello Ann,\r\n.hidden dot\r\n");
    SmtpSession session = smtp.sessions().get(0);
    assertThat(session.clientName()).contains("client.test");
    assertThat(session.commands())
        .startsWith(
            "EHLO client.test", "MAIL FROM:<sender@example.com>", "RCPT TO:<ann@example.com>")
        .contains("DATA");
  }

  @Test
  void rejectsOneRecipientWith550AndAcceptsTheOther() throws Exception {
    smtp.rcpt(BOB)
        .replies(550, "5.1.1 <bob@example.com>: Recipient address rejected: User unknown");

    MessagingException e = new Mailer(smtp).with("mail.smtp.sendpartial", "true").fails(ANN, BOB);

    assertThat(e).isInstanceOf(SendFailedException.class);
    assertThat(((SendFailedException) e).getInvalidAddresses())
        .extracting(Object::toString)
        .containsExactly(BOB);
    assertThat(rcptFailure(e, BOB)).isEqualTo(550);
    SmtpAssertions.assertThat(smtp)
        .receivedMessageFor(ANN)
        .receivedNoMessageFor(BOB)
        .sawRcptFor(BOB, 1);
    assertThat(smtp.messages().get(0).recipients()).containsExactly(ANN);
  }

  @Test
  void greylistsOnTheFirstAttemptAndAcceptsOnTheSecond() throws Exception {
    smtp.rcpt(CAROL).replies(451, "4.7.1 Greylisted, try again later").thenReplies(250, "2.1.5 Ok");
    Mailer mailer = new Mailer(smtp);

    MessagingException first = mailer.fails(CAROL);
    assertThat(rcptFailure(first, CAROL)).isEqualTo(451);
    SmtpAssertions.assertThat(smtp).receivedNoMessageFor(CAROL).sawRcptFor(CAROL, 1);

    mailer.send(CAROL);
    SmtpAssertions.assertThat(smtp)
        .receivedMessageFor(CAROL)
        .sawRcptFor(CAROL, 2)
        .sawConnections(2);
  }

  @Test
  void repeatsAnAnswerAsManyTimesAsScriptedThenTheLastOneForGood() throws Exception {
    smtp.rcpt(CAROL).replies(451, "4.7.1 Greylisted").times(2).thenReplies(250, "2.1.5 Ok");
    Mailer mailer = new Mailer(smtp);

    assertThat(rcptFailure(mailer.fails(CAROL), CAROL)).isEqualTo(451);
    assertThat(rcptFailure(mailer.fails(CAROL), CAROL)).isEqualTo(451);
    mailer.send(CAROL);
    mailer.send(CAROL);

    SmtpAssertions.assertThat(smtp).sawRcptFor(CAROL, 4).receivedMessages(2);
  }

  @Test
  void theDefaultRcptScriptAppliesToRecipientsWithoutOneOfTheirOwn() throws Exception {
    smtp.rcpt().replies(550, "5.7.1 Relay access denied");
    smtp.rcpt(ANN).replies(250, "2.1.5 Ok");

    new Mailer(smtp).with("mail.smtp.sendpartial", "true").fails(ANN, BOB, CAROL);

    SmtpAssertions.assertThat(smtp)
        .receivedMessageFor(ANN)
        .receivedNoMessageFor(BOB)
        .receivedNoMessageFor(CAROL);
  }

  @Test
  void refusesTheGreetingWith421() {
    smtp.greeting().replies(421, "4.3.2 Service shutting down");

    MessagingException e = new Mailer(smtp).fails(ANN);

    assertThat(e).hasMessageContaining("421");
    SmtpAssertions.assertThat(smtp).receivedMessages(0).sawConnections(1);
    assertThat(smtp.sessions().get(0).commands()).isEmpty();
  }

  @Test
  void dropsTheConnectionAfterTheDataWithoutAnswering() throws Exception {
    smtp.endOfData().dropsConnection().thenAnswersNormally();
    Mailer mailer = new Mailer(smtp);

    MessagingException lost = mailer.fails(ANN);

    // The client lost the connection waiting for the end-of-data reply: no code, "[EOF]".
    assertThat(lost).isInstanceOf(SMTPSendFailedException.class).hasMessageContaining("[EOF]");
    assertThat(((SMTPSendFailedException) lost).getReturnCode()).isEqualTo(-1);
    SmtpAssertions.assertThat(smtp).receivedNoMessageFor(ANN);
    ReceivedMessage unanswered = smtp.sessions().get(0).messages().get(0);
    assertThat(unanswered.reply()).isEmpty();
    assertThat(unanswered.accepted()).isFalse();
    assertThat(unanswered.header("Subject")).contains("invoice");

    // The retry is the second copy the server got: what duplicate-delivery tests look for.
    mailer.send(ANN);
    SmtpAssertions.assertThat(smtp).receivedMessages(1).sawConnections(2);
  }

  @Test
  void delaysTheGreetingByAtLeastTheDelay() throws Exception {
    smtp.greeting().delays(Duration.ofMillis(300));

    long start = System.nanoTime();
    new Mailer(smtp).send(ANN);
    long elapsed = System.nanoTime() - start;

    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    SmtpAssertions.assertThat(smtp).receivedMessageFor(ANN);
  }

  @Test
  void delaysAScriptedReply() {
    smtp.rcpt(BOB).replies(451, "4.4.5 Insufficient system storage").after(Duration.ofMillis(200));

    long start = System.nanoTime();
    MessagingException e = new Mailer(smtp).fails(BOB);
    long elapsed = System.nanoTime() - start;

    assertThat(rcptFailure(e, BOB)).isEqualTo(451);
    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void staysSilentUntilTheClientGivesUp() {
    smtp.greeting().staysSilent();

    MessagingException e = new Mailer(smtp).with("mail.smtp.timeout", "300").fails(ANN);

    assertThat(e).hasRootCauseInstanceOf(SocketTimeoutException.class);
    SmtpAssertions.assertThat(smtp).receivedMessages(0);
  }

  @Test
  void multiLineRepliesReachTheClientWhole() {
    smtp.rcpt(BOB)
        .replies(
            550,
            "5.1.1 <bob@example.com>: Recipient address rejected:",
            "5.1.1 see https://example.com/unknown-user");

    MessagingException e = new Mailer(smtp).fails(BOB);

    assertThat(rcptFailure(e, BOB)).isEqualTo(550);
    assertThat(rcptException(e, BOB).getMessage())
        .contains("550-5.1.1 <bob@example.com>: Recipient address rejected:")
        .contains("550 5.1.1 see https://example.com/unknown-user");
  }

  @Test
  void rejectsTheSenderAtMailFrom() {
    smtp.mailFrom().replies(553, "5.7.1 <sender@example.com>: Sender address rejected");

    MessagingException e = new Mailer(smtp).fails(ANN);

    assertThat(e)
        .isInstanceOf(SMTPSendFailedException.class)
        .extracting(x -> ((SMTPSendFailedException) x).getReturnCode())
        .isEqualTo(553);
    SmtpAssertions.assertThat(smtp).receivedMessages(0).sawRcptFor(ANN, 0);
  }

  @Test
  void refusesTheData() {
    smtp.data().replies(554, "5.7.1 Message refused");

    MessagingException e = new Mailer(smtp).fails(ANN);

    assertThat(e)
        .isInstanceOf(SMTPSendFailedException.class)
        .extracting(x -> ((SMTPSendFailedException) x).getReturnCode())
        .isEqualTo(554);
    SmtpAssertions.assertThat(smtp).receivedMessages(0).sawRcptFor(ANN, 1);
    assertThat(smtp.sessions().get(0).messages()).isEmpty();
  }

  @Test
  void rejectsAtTheEndOfData() {
    smtp.endOfData().replies(552, "5.2.2 Mailbox full");

    MessagingException e = new Mailer(smtp).fails(ANN);

    assertThat(e)
        .isInstanceOf(SMTPSendFailedException.class)
        .extracting(x -> ((SMTPSendFailedException) x).getReturnCode())
        .isEqualTo(552);
    SmtpAssertions.assertThat(smtp).receivedNoMessageFor(ANN);
    assertThat(smtp.sessions().get(0).messages())
        .singleElement()
        .extracting(m -> m.reply().orElseThrow().code())
        .isEqualTo(552);
  }

  @Test
  void scriptsTheEndOfDataReplyText() throws Exception {
    smtp.endOfData().replies(250, "2.0.0 Ok: queued as ABC123");

    assertThat(new Mailer(smtp).send(ANN)).isEqualTo("250 2.0.0 Ok: queued as ABC123\n");
    SmtpAssertions.assertThat(smtp).receivedMessageFor(ANN);
  }

  @Test
  void rejectsTheCredentialsThenAcceptsThemOnTheNextAttempt() throws Exception {
    smtp.auth().replies(535, "5.7.8 Authentication credentials invalid").thenAnswersNormally();
    Mailer mailer = new Mailer(smtp).with("mail.smtp.auth", "true");

    MessagingException e = mailer.fails(ANN);

    assertThat(e).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535");
    mailer.send(ANN);
    SmtpAssertions.assertThat(smtp).receivedMessageFor(ANN).sawConnections(2);
    // The record names the mechanism, never the credentials.
    String secret = Base64.getEncoder().encodeToString("s3cret-password".getBytes());
    assertThat(smtp.sessions())
        .flatExtracting(SmtpSession::commands)
        .anyMatch(c -> c.startsWith("AUTH "))
        .noneMatch(c -> c.contains(secret));
  }

  @Test
  void aRefusedEhloMakesTheClientTryHelo() throws Exception {
    smtp.ehlo().replies(502, "5.5.2 Error: command not recognized").thenAnswersNormally();

    new Mailer(smtp).send(ANN);

    assertThat(smtp.sessions().get(0).commands())
        .startsWith("EHLO client.test", "HELO client.test");
    SmtpAssertions.assertThat(smtp).receivedMessageFor(ANN);
  }

  @Test
  void recordsAreReadableWhileTheClientWaits() throws Exception {
    smtp.rcpt(ANN).delays(Duration.ofSeconds(1));
    Thread client =
        new Thread(
            () -> {
              try {
                new Mailer(smtp).send(ANN);
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            });
    client.start();
    SmtpSession during = awaitRcpt(ANN);
    client.join();

    assertThat(during.open()).isTrue();
    assertThat(during.messages()).isEmpty();
    SmtpAssertions.assertThat(smtp).receivedMessageFor(ANN);
  }

  private static SmtpSession awaitRcpt(String address) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      for (SmtpSession s : smtp.sessions()) {
        if (s.rcptAddresses().contains(address)) {
          return s;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no RCPT TO:<" + address + "> within 5 s: " + smtp.sessions());
  }

  private static SMTPAddressFailedException rcptException(MessagingException e, String address) {
    for (Exception next = e; next != null; ) {
      if (next instanceof SMTPAddressFailedException f
          && f.getAddress().getAddress().equals(address)) {
        return f;
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    throw new AssertionError("no RCPT failure for " + address + " in " + e);
  }

  private static int rcptFailure(MessagingException e, String address) {
    return rcptException(e, address).getReturnCode();
  }
}
