package io.github.smtpreply.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.classify.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Texts that hold several replies, in the shapes real bounces and logs have them (a Sendmail
 * session transcript, Exchange's "Remote Server returned", Amazon WorkMail's expiry wrapping the
 * last attempt, Postfix multi-recipient transcripts, relays quoting relays). The decisive reply is
 * the last failing one that is neither quoted nor a consequence; a quoted reply is the cause.
 */
class DecisiveReplyTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      nullValues = "-",
      value = {
        // a session transcript: the 503 is a consequence of the rejected RCPT
        "450 busy - please try later 551 not our user 503 need RCPT command [data] 551 not our user | 551 | none | -",
        "550 5.1.1 Invalid recipient 503 5.5.0 need RCPT before DATA 550 5.1.1 Invalid recipient | 550 | 5.1.1 | -",
        "450 4.7.1 <host[192.0.2.56]>: Client host rejected 554 5.5.1 Error: no valid recipients | 450 | 4.7.1 | -",
        "550 unknown user 503-All RCPT commands were rejected with this error: 503-unknown user 503 Valid RCPT command must precede DATA 550 unknown user | 550 | none | -",
        // a reply that quotes another server's: the wrapper decides, the quoted one is the cause
        "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out> | 554 | 4.4.7 | 421 4.4.2 Connection timed out",
        "Remote Server returned '550 5.1.351 Remote server returned not found' | 550 | 5.1.351 | -",
        "550 Remote Server returned '550 5.1.351 Remote server returned not found' | 550 | 5.1.351 | 550 5.1.351 Remote server returned not found",
        // relays passing a reply on: the farthest server's, the last
        "host a.example said: 550 host b.example said: 550 5.1.1 <u@example.org>: User unknown | 550 | 5.1.1 | -",
        // repeated replies
        "554 5.7.9 Header error 554 5.7.9 Header error | 554 | 5.7.9 | -",
        // a number in running text is not a reply
        "552 5.2.2 Mailbox size 500 MB exceeded | 552 | 5.2.2 | -",
      })
  void theDecisiveReplyIsTheLastFailingOne(String text, String code, String status, String cause) {
    Finding f = ReplyFinder.find(text);
    assertThat(f.code()).hasToString(code);
    assertThat(f.enhanced() == null ? "none" : f.enhanced().toString()).isEqualTo(status);
    assertThat(f.cause()).isEqualTo(cause);
  }

  @org.junit.jupiter.api.Test
  void aStrictlyParsedWrapperTakesItsCausesStatus() throws Exception {
    // What the Camel component and other wire readers see: one reply that quotes another server's.
    Classification c =
        Classifier.standard()
            .classify(
                ReplyParser.parse(
                    "550 Remote Server returned '550 5.1.351 Remote server returned not found'"));
    assertThat(c.enhanced()).hasToString("5.1.351");
  }

  @org.junit.jupiter.api.Test
  void theClassifierUsesTheSameRule() {
    Classification c =
        Classifier.standard()
            .classifyText(
                "450 busy - please try later 551 not our user 503 need RCPT command [data] 551"
                    + " not our user");
    assertThat(c.code().value()).isEqualTo(551);
    assertThat(c.reason()).isEqualTo(Reason.USER_UNKNOWN);
  }
}
