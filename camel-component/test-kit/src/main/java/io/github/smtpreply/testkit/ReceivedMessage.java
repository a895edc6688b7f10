package io.github.smtpreply.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message whose data the server read to the final dot: the envelope and the raw data.
 *
 * @param session the number of the session it came in (1 for the first connection)
 * @param sender the MAIL FROM address, without angle brackets ({@code ""} for the null sender)
 * @param recipients the recipients whose RCPT got a 2xx reply, in order
 * @param data the message as sent (headers and body, CRLF line ends, dots unstuffed)
 * @param reply the end-of-data reply the server gave; empty when it dropped the connection or
 *     stayed silent instead
 * @param queueId the id in the server's default end-of-data reply ({@code queued as <id>})
 */
public record ReceivedMessage(
    int session,
    String sender,
    List<String> recipients,
    byte[] data,
    Optional<Reply> reply,
    String queueId) {
  public ReceivedMessage {
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    data = data.clone();
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(queueId, "queueId");
  }

  /** A copy of the raw data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data as text (UTF-8; a MIME message is ASCII unless 8BITMIME was used). */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** Whether the server took the message: its end-of-data reply was 2xx. */
  public boolean accepted() {
    return reply.map(Reply::isPositive).orElse(false);
  }

  /** Whether this recipient (compared ignoring case) was among the accepted recipients. */
  public boolean isFor(String address) {
    return recipients.stream().anyMatch(r -> r.equalsIgnoreCase(address));
  }

  /** The first header of this name (ignoring case), unfolded; empty if absent. */
  public Optional<String> header(String name) {
    String[] lines = text().split("\r\n", -1);
    for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
        StringBuilder value = new StringBuilder(lines[i].substring(colon + 1).trim());
        // Folded header lines start with white space (RFC 5322 §2.2.3).
        while (i + 1 < lines.length
            && !lines[i + 1].isEmpty()
            && Character.isWhitespace(lines[i + 1].charAt(0))) {
          value.append(' ').append(lines[++i].trim());
        }
        return Optional.of(value.toString());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedMessage m
        && session == m.session
        && sender.equals(m.sender)
        && recipients.equals(m.recipients)
        && Arrays.equals(data, m.data)
        && reply.equals(m.reply)
        && queueId.equals(m.queueId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(session, sender, recipients, Arrays.hashCode(data), reply, queueId);
  }

  @Override
  public String toString() {
    return "message from <"
        + sender
        + "> to "
        + recipients
        + " ("
        + data.length
        + " bytes, "
        + reply.map(r -> "answered " + r.code()).orElse("not answered")
        + ")";
  }
}
