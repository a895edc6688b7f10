package io.github.smtpreply.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The assertions fail when they should, and say what the server received instead. */
class ScriptedSmtpAssertTest {
  @RegisterExtension ScriptedSmtp smtp = ScriptedSmtp.onLoopback();

  @BeforeEach
  void annAcceptedBobRefused() {
    smtp.rcpt("bob@example.com").replies(550, "5.1.1 User unknown");
    new Mailer(smtp)
        .with("mail.smtp.sendpartial", "true")
        .fails("ann@example.com", "bob@example.com");
  }

  @Test
  void receivedMessageForFailsWhenNoneCame() {
    assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).receivedMessageFor("bob@example.com"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expecting a message accepted for <bob@example.com>, but there was none.")
        .hasMessageContaining(
            "The server saw 1 connection, RCPT TO <ann@example.com> x1, <bob@example.com> x1,"
                + " and accepted 1 message:")
        .hasMessageContaining("message from <sender@example.com> to [ann@example.com] (");
  }

  @Test
  void receivedNoMessageForFailsWhenOneCame() {
    assertThatThrownBy(
            () -> SmtpAssertions.assertThat(smtp).receivedNoMessageFor("ANN@example.com"))
        .hasMessageContaining(
            "Expecting no message accepted for <ANN@example.com>, but there were 1.");
  }

  @Test
  void receivedMessagesFailsOnAnotherCount() {
    assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).receivedMessages(2))
        .hasMessageContaining("Expecting 2 messages accepted, but there were 1.");
  }

  @Test
  void sawRcptForFailsOnAnotherCount() {
    assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).sawRcptFor("bob@example.com", 3))
        .hasMessageContaining("Expecting RCPT TO:<bob@example.com> 3 times, but it came 1 time.");
  }

  @Test
  void sawConnectionsFailsOnAnotherCount() {
    assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).sawConnections(0))
        .hasMessageContaining("Expecting 0 connections, but there were 1.");
  }

  @Test
  void theDescriptionLeadsTheMessage() {
    assertThatThrownBy(
            () ->
                SmtpAssertions.assertThat(smtp).as("retry run").receivedMessageFor("x@example.com"))
        .hasMessageStartingWith("[retry run] ");
  }

  @Test
  void unansweredDataIsShownAsNotAccepted() {
    smtp.endOfData().dropsConnection();
    new Mailer(smtp).fails("carol@example.com");

    assertThatThrownBy(
            () -> SmtpAssertions.assertThat(smtp).receivedMessageFor("carol@example.com"))
        .hasMessageContaining(
            "Not accepted: message from <sender@example.com> to [carol@example.com] (")
        .hasMessageContaining("not answered)");
  }

  @Test
  void passingAssertionsChain() {
    SmtpAssertions.assertThat(smtp)
        .receivedMessageFor("ann@example.com")
        .receivedNoMessageFor("bob@example.com")
        .receivedMessages(1)
        .sawRcptFor("bob@example.com", 1)
        .sawConnections(1);
  }
}
