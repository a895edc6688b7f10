package io.github.smtpreply.bounce;

import io.github.smtpreply.classify.Classification;

/**
 * One recipient of a bounce, in the order the message lists them.
 *
 * @param recipient the address that failed (Final-Recipient, or as the text names it); {@code null}
 *     when the message does not say
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
    Classification classification) {}
