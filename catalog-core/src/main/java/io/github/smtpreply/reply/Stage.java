package io.github.smtpreply.reply;

import java.util.Locale;

/**
 * The point of the SMTP dialogue a reply answered. The labels are the metric's {@code stage} values
 * (DESIGN.md).
 */
public enum Stage {
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

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }

  /** The stage with this label, or {@link #UNKNOWN}. */
  public static Stage ofLabel(String label) {
    for (Stage stage : values()) {
      if (stage.label.equals(label)) {
        return stage;
      }
    }
    return UNKNOWN;
  }
}
