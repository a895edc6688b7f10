package io.github.smtpreply.reply;

import io.github.smtpreply.text.WireLabel;
import java.util.Optional;

/**
 * The point of the SMTP dialogue a reply answered. The labels are the metric's {@code stage} values
 * (DESIGN.md).
 */
public enum Stage implements WireLabel {
  /** Opening the TCP connection: no reply was read (refused, timed out). */
  CONNECT,
  /** The server's greeting after the connection opened. */
  GREETING,
  /** EHLO or HELO. */
  HELO,
  STARTTLS,
  AUTH,
  /** MAIL FROM. */
  MAIL,
  /** RCPT TO. */
  RCPT,
  /** DATA, BDAT, or the reply after the end of the message data. */
  DATA,
  QUIT,
  UNKNOWN;

  private final String label = WireLabel.of(name());

  @Override
  public String label() {
    return label;
  }

  /** The stage with this label, or {@link #UNKNOWN}. */
  public static Optional<Stage> ofLabel(String label) {
    return WireLabel.find(values(), label);
  }
}
