package io.github.smtpreply.camel;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.reply.ReplyClass;
import java.util.List;
import java.util.Map;

/**
 * What one send through an {@code smtp:} endpoint came to.
 *
 * @param reply the reply that decided it (the end-of-DATA reply of a success; the worst failure
 *     otherwise), or the no-reply outcome (code none) when the server never answered
 * @param classLabel the class label: {@code success}, {@code transient}, {@code permanent}, {@code
 *     partial} when some recipients received the message and others did not, {@code unknown} when
 *     the connection was lost after the end of DATA
 * @param recipients each recipient the server answered at RCPT, in order
 */
record SendOutcome(Classification reply, String classLabel, List<RecipientReply> recipients) {
  /** Class label of a send that reached some recipients and not others. */
  static final String PARTIAL = "partial";

  SendOutcome {
    recipients = List.copyOf(recipients);
  }

  static SendOutcome of(Classification reply, List<RecipientReply> recipients) {
    return new SendOutcome(reply, reply.replyClass().label(), recipients);
  }

  boolean isSuccess() {
    return reply.replyClass() == ReplyClass.SUCCESS && !classLabel.equals(PARTIAL);
  }

  /**
   * One recipient's answer at RCPT.
   *
   * @param address the address as sent in {@code RCPT TO:<…>}
   * @param reply the server's reply to it
   */
  record RecipientReply(String address, Classification reply) {
    /** The header form: simple keys a route can read with {@code ${header…[0][code]}}. */
    Map<String, String> toHeader() {
      return Map.of(
          "address", address,
          "code", reply.codeLabel(),
          "enhanced", reply.statusLabel(),
          "class", reply.replyClass().label(),
          "reason", reply.reason().label(),
          "text", reply.text());
    }
  }
}
