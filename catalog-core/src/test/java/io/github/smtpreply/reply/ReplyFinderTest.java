package io.github.smtpreply.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real replies as they appear inside other text. Sources: Postfix logs and DSNs, Exim, Sendmail,
 * qmail, Microsoft and Gmail bounces from sisimai's set-of-emails (BSD 2-Clause) and the Postfix
 * grok patterns test cases (BSD 3-Clause), as copied in src/test/resources/fixtures/SOURCES.md.
 */
class ReplyFinderTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // Postfix said: with a multi-line reply joined into one line
        "host mx.example.com[192.0.2.1] said: 550-5.7.1 [192.0.2.9] Our system has detected an unusual rate 550 5.7.1 of mail (in reply to end of DATA command) | 550 | 5.7.1 | data",
        "host smtpin.zoho.com[204.141.33.23] said: 550 5.1.1 User does not exist - <a@zoho.example.com> (in reply to RCPT TO command) | 550 | 5.1.1 | rcpt",
        // Exim
        "SMTP error from remote mail server after RCPT TO:<x@example.net>: host 192.0.2.22 [192.0.2.22]: 550 5.1.1 <x@example.net>: User unknown | 550 | 5.1.1 | rcpt",
        "SMTP error from remote mail server after MAIL FROM:<a@example.jp> SIZE=1543: host mx.example.jp [192.0.2.20]: 550 5.7.0 Please use the smtp server of your ISP. | 550 | 5.7.0 | mail",
        // DSN Diagnostic-Code
        "smtp; 550 5.2.2 <kijitora@example.jp>... Mailbox Full | 550 | 5.2.2 | unknown",
        "smtp; 2.1.5 250 OK | 250 | 2.1.5 | unknown",
        // qmail and a bare status
        "Sorry, no mailbox here by that name. (#5.1.1) | none | 5.1.1 | unknown",
        "4.4.1 (Persistent transient failure - routing/network: no answer from host) | none | 4.4.1 | unknown",
        // Microsoft
        "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ## | 550 | 5.1.1 | unknown",
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1] | 550 | 5.7.606 | unknown",
        // Jakarta Mail exception message
        "jakarta.mail.SendFailedException: Invalid Addresses; nested exception is: org.eclipse.angus.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown | 550 | 5.1.1 | unknown",
        // IP addresses, dotted versions and long numbers are not codes
        "connect to example.org[203.0.113.225]:25: Connection timed out | none | none | connect",
        "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes | 421 | 4.7.0 | unknown",
        "smtp;554 The mail could not be delivered (-1915321397:308:-2147467259) | 554 | none | unknown",
        "550 NN-222 (NEKO-CAT-222) Unfortunately, messages weren't sent | 550 | none | unknown",
        "did not like our final DATA:554 5.7.9 Message not accepted for policy reasons | 554 | 5.7.9 | data",
        "Remote_host_said:_550_5.1.1_unknown_user/Giving_up_on_192.0.2.1./ | 550 | 5.1.1 | unknown",
        "nothing here at all | none | none | unknown",
        // an RFC 3464 X-Unix diagnostic holds an exit status, not a reply code
        "X-Unix; 255 | none | none | unknown",
        // a colon or comma after the code, but not in an IPv6 address
        "550: 5.1.1 <a@example.jp>... User Unknown | 550 | 5.1.1 | unknown",
        "Invalid Address, ERROR_CODE :550, ERROR_CODE :Requested action not taken | 550 | none | unknown",
        "host mx[2401:2500:102:3032:192.0.2.1] said: Messages with multiple addresses | none | none | unknown",
      })
  void findsReplyInFreeText(String text, String code, String status, String stage) {
    Finding finding = ReplyFinder.find(text);
    assertThat(finding.code() == null ? "none" : finding.code().toString()).isEqualTo(code);
    assertThat(finding.enhanced() == null ? "none" : finding.enhanced().toString())
        .isEqualTo(status);
    assertThat(finding.stage().label()).isEqualTo(stage);
  }

  @org.junit.jupiter.api.Test
  void readsOnlyTheStartOfHugeInput() {
    String huge = "550 5.1.1 user unknown " + "\u0000\uffff".repeat(1 << 20);
    Finding finding = ReplyFinder.find(huge);
    assertThat(finding.truncated()).isTrue();
    assertThat(finding.code().value()).isEqualTo(550);
    assertThat(finding.text().length()).isLessThanOrEqualTo(ReplyFinder.MAX_SCAN);
  }
}
