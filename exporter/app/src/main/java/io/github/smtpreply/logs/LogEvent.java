package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import java.time.Instant;

/**
 * One delivery attempt or reject read from an MTA log.
 *
 * @param timestamp when the MTA logged it, or {@code null} when the line has no readable time
 * @param status the MTA's word for the outcome: {@code sent}, {@code deferred}, {@code bounced},
 *     {@code expired}, {@code reject}, {@code reject_warning}, {@code milter-reject}, …
 * @param route the transport or service ({@code smtp}, {@code relay}, {@code lmtp}, {@code
 *     remote_smtp}), {@code none} when the line does not say
 * @param reply the classified reply (code {@code none} when there was no reply)
 */
public record LogEvent(Instant timestamp, String status, String route, Classification reply) {}
