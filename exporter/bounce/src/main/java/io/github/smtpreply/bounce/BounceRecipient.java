package io.github.smtpreply.bounce;

import io.github.smtpreply.classify.Classification;

/**
 * One recipient of a bounce, in the order the message lists them.
 *
 * @param recipient the address that failed (Final-Recipient, or as the text names it), a source
 *     route removed ({@code @relay.example:user@example.com} is {@code user@example.com}, RFC 5321
 *     §4.1.2 and Appendix C); {@code null} when the message does not say
 * @param originalRecipient the Original-Recipient field, or {@code null}
 * @param action what happened to this recipient
 * @param remoteMta the Remote-MTA field, or {@code null}
 * @param diagnostic the remote server's reply or the text that explains the failure; empty when
 *     none
 * @param lastAttempt the Last-Attempt-Date field, or {@code null}
 * @param classification the reply classified: code, status (the Status field where the report has
 *     one), class, reason and stage
 */
public record BounceRecipient(
    String recipient,
    String originalRecipient,
    Action action,
    String remoteMta,
    String diagnostic,
    String lastAttempt,
    Classification classification) {

  public BounceRecipient {
    recipient = withoutSourceRoute(recipient);
    originalRecipient = withoutSourceRoute(originalRecipient);
  }

  /**
   * The mailbox of a path that may carry a source route ({@code @a.example,@b.example:u@c.example},
   * RFC 5321 §4.1.2, obsolete by its Appendix C but still written by old MTAs).
   */
  static String withoutSourceRoute(String address) {
    if (address == null) {
      return null;
    }
    String a = address.strip();
    if (a.length() > 1 && a.charAt(0) == '<' && a.charAt(a.length() - 1) == '>') {
      a = a.substring(1, a.length() - 1).strip();
    }
    if (a.startsWith("@")) {
      int colon = a.indexOf(':');
      if (colon > 0 && colon < a.length() - 1 && a.indexOf('@', colon) > colon) {
        return a.substring(colon + 1).strip();
      }
    }
    return address;
  }
}
