package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import java.time.Instant;

/**
 * One delivery attempt or reject read from an MTA log.
 *
 * @param timestamp when the MTA logged it, or {@code null} when the line has no readable time
 * @param status the MTA's word for the outcome: {@code sent}, {@code deferred}, {@code bounced},
 *     {@code expired}, {@code reject}, {@code reject_warning}, {@code milter-reject}, …; {@code
 *     attempt} for a try at one server that Postfix logs before it moves on to the next
 * @param route the transport or service ({@code smtp}, {@code relay}, {@code lmtp}, {@code
 *     remote_smtp}), {@code none} when the line does not say
 * @param reply the classified reply (code {@code none} when there was no reply)
 * @param repeat true when the line repeats the outcome of an attempt line the same process logged
 *     just before (Postfix logs a failed connection, then the delivery status with the same text):
 *     the event is a delivery outcome, but its reply was already counted
 */
public record LogEvent(
    Instant timestamp, String status, String route, Classification reply, boolean repeat) {

  public LogEvent(Instant timestamp, String status, String route, Classification reply) {
    this(timestamp, status, route, reply, false);
  }
}
