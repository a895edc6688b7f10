package io.github.smtpreply.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.reply.Reply;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyParser;
import io.github.smtpreply.reply.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real replies (provider texts from ../shared/reference/vendor-replies.tsv, which cites each
 * source; others from sisimai's test tables, BSD 2-Clause) and the DESIGN.md classification rules.
 */
class ClassifierTest {
  private final Classifier classifier = Classifier.standard();

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "550-5.1.1 The email account that you tried to reach does not exist. | 550 | 5.1.1 | permanent | user_unknown",
        "450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. | 450 | 4.2.1 | transient | rate_limited",
        "421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. | 421 | 4.7.27 | transient | sender_auth",
        "421-4.7.29 Your email has been rate limited because this message wasn't sent over a TLS connection. | 421 | 4.7.29 | transient | tls_required",
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1] | 550 | 5.7.606 | permanent | blocked",
        "451 4.7.650 The mail server [192.0.2.5] has been temporarily rate limited due to IP reputation. | 451 | 4.7.650 | transient | bad_reputation",
        "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints | 421 | 4.7.0 | transient | bad_reputation",
        "552 5.2.2 <user@icloud.com>: user is over quota | 552 | 5.2.2 | permanent | mailbox_full",
        "450 4.2.0 <user@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html | 450 | 4.2.0 | transient | greylisted",
        "554 5.7.1 <user@example.com>: Relay access denied | 554 | 5.7.1 | permanent | relay_denied",
        "550 Requested action not taken: mailbox unavailable | 550 | 5.0.0 | permanent | user_unknown",
        "250 2.0.0 Ok: queued as 4D5B1A | 250 | 2.0.0 | success | none",
        "354 End data with <CR><LF>.<CR><LF> | 354 | none | intermediate | none",
        "connect to mx.example.org[192.0.2.1]:25: Connection timed out | none | 4.4.1 | transient | network",
        "lost connection with mx.example.org[192.0.2.1] while performing the HELO handshake | none | 4.4.2 | transient | network",
        "Host or domain name not found. Name service error for name=example.jp type=A: Host not found | none | 5.4.4 | permanent | host_unknown",
        "completely unrelated words | none | none | unknown | unknown",
      })
  void classifiesRealReplies(String text, String code, String status, String cls, String reason) {
    Classification c = classifier.classifyText(text);
    assertThat(c.codeLabel()).isEqualTo(code);
    assertThat(c.statusLabel()).isEqualTo(status);
    assertThat(c.replyClass().label()).isEqualTo(cls);
    assertThat(c.reason().label()).isEqualTo(reason);
  }

  @Test
  void basicCodeDecidesWhenEnhancedClassContradictsIt() throws Exception {
    Classification c = classifier.classify(ReplyParser.parse("550 4.2.2 mailbox is stuffed"));
    assertThat(c.replyClass()).isEqualTo(ReplyClass.PERMANENT);
    assertThat(c.has(Flag.CLASS_CONFLICT)).isTrue();
    assertThat(c.enhanced()).hasToString("4.2.2");
  }

  @Test
  void tooManyRecipientsAnsweredWith552IsTransient() throws Exception {
    Reply reply = ReplyParser.parse("552 5.5.3 Too many recipients");
    Classification c = classifier.classify(reply, Stage.RCPT);
    assertThat(c.replyClass()).isEqualTo(ReplyClass.TRANSIENT);
    assertThat(c.has(Flag.CLASS_OVERRIDDEN)).isTrue();
  }

  @Test
  void statusReceivedIsNotFlaggedAssigned() {
    assertThat(classifier.classifyText("550 5.1.1 unknown").has(Flag.STATUS_ASSIGNED)).isFalse();
    assertThat(classifier.classifyText("550 unknown").has(Flag.STATUS_ASSIGNED)).isTrue();
  }

  @Test
  void keepsNonStandardCodeAsReceived() {
    Classification c = classifier.classifyText("571 Delivery not authorized, message refused");
    assertThat(c.codeLabel()).isEqualTo("571");
    assertThat(c.replyClass()).isEqualTo(ReplyClass.PERMANENT);
  }

  @Test
  void binaryJunkIsUnknownNotAnError() {
    Classification c = classifier.classifyText("\u0000\u0001\uFFFD\u00ff\u2028 \u0007");
    assertThat(c.replyClass()).isEqualTo(ReplyClass.UNKNOWN);
    assertThat(c.reason()).isEqualTo(Reason.UNKNOWN);
  }
}
