package io.github.smtpreply.bounce;

import io.github.smtpreply.classify.Classification;
import java.util.List;

/**
 * What the reader made of one message.
 *
 * @param kind a delivery status notification, a text bounce, a feedback report, an auto-reply, or
 *     not understood
 * @param format the format recognised: {@code rfc3464}, {@code rfc6533}, {@code arf}, {@code
 *     rfc3834}, or the name of a text format ({@code qmail}, {@code exim}, …); {@code none} when
 *     not understood
 * @param reportingMta the Reporting-MTA field, or {@code null}
 * @param envelopeId the Original-Envelope-Id field, or {@code null}
 * @param arrivalDate the Arrival-Date field, or {@code null}
 * @param originalMessageId the Message-ID of the returned original message, or {@code null}
 * @param originalSubject the Subject of the returned original message, or {@code null}
 * @param recipients the recipients in the order the message lists them; empty when not understood
 * @param problem why the message was not understood, or what was cut short reading it; {@code null}
 *     when nothing
 */
public record Bounce(
    BounceKind kind,
    String format,
    String reportingMta,
    String envelopeId,
    String arrivalDate,
    String originalMessageId,
    String originalSubject,
    List<BounceRecipient> recipients,
    String problem) {

  public Bounce {
    recipients = List.copyOf(recipients);
  }

  /**
   * A message of this kind and format; the per-message fields are added with the {@code with…}s.
   */
  static Bounce of(BounceKind kind, String format, List<BounceRecipient> recipients) {
    return new Bounce(kind, format, null, null, null, null, null, recipients, null);
  }

  /** A message the reader does not understand, and why. */
  static Bounce notUnderstood(String why) {
    return of(BounceKind.NOT_UNDERSTOOD, "none", List.of()).withProblem(why);
  }

  /** With the report's per-message fields (RFC 3464 §2.2). */
  Bounce withReport(String reportingMta, String envelopeId, String arrivalDate) {
    return new Bounce(
        kind,
        format,
        reportingMta,
        envelopeId,
        arrivalDate,
        originalMessageId,
        originalSubject,
        recipients,
        problem);
  }

  /** With what identifies the returned original message. */
  Bounce withOriginal(String messageId, String subject) {
    return new Bounce(
        kind,
        format,
        reportingMta,
        envelopeId,
        arrivalDate,
        messageId,
        subject,
        recipients,
        problem);
  }

  /**
   * With {@code more} added to what was cut short or not understood ({@code null} adds nothing).
   */
  Bounce withProblem(String more) {
    if (more == null) {
      return this;
    }
    return new Bounce(
        kind,
        format,
        reportingMta,
        envelopeId,
        arrivalDate,
        originalMessageId,
        originalSubject,
        recipients,
        problem == null ? more : problem + "; " + more);
  }

  /**
   * The replies this bounce reports as delivery outcomes, one per recipient that failed, was
   * delayed, delivered, relayed or expanded. Feedback reports and auto-replies are not delivery
   * outcomes and give none, nor does a message the reader did not understand. This is what a metric
   * of replies counts for the bounce.
   */
  public List<Classification> deliveryReplies() {
    return recipients.stream()
        .filter(r -> r.action().isDeliveryOutcome())
        .map(BounceRecipient::classification)
        .toList();
  }
}
