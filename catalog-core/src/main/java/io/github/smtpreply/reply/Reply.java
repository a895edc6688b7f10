package io.github.smtpreply.reply;

import java.util.List;
import java.util.Objects;

/**
 * A reply as received on the wire (RFC 5321 §4.2): its code, the enhanced status carried at the
 * start of its text (RFC 2034), and the text of each line without code and status.
 *
 * @param code the code of the final line
 * @param enhanced the enhanced status of the first line that carries one, or {@code null}
 * @param lines the text of each line, never empty (a reply without text has one empty line)
 * @param mixedCodes true when the lines did not all carry the same code
 */
public record Reply(
    ReplyCode code, EnhancedStatus enhanced, List<String> lines, boolean mixedCodes) {

  public Reply {
    Objects.requireNonNull(code, "code");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  /** Parses a reply strictly; see {@link ReplyParser#parse}. */
  public static Reply parse(CharSequence wire) throws ReplyFormatException {
    return ReplyParser.parse(wire);
  }

  public ReplyClass replyClass() {
    return code.replyClass();
  }

  /** The text of all lines joined by a space. */
  public String text() {
    return lines.size() == 1 ? lines.get(0) : String.join(" ", lines);
  }

  /** The reply rendered back to the wire form, CRLF-terminated, with the status on every line. */
  public String toWire() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(code.value()).append(i == lines.size() - 1 ? ' ' : '-');
      if (enhanced != null) {
        out.append(enhanced).append(' ');
      }
      out.append(lines.get(i)).append("\r\n");
    }
    return out.toString();
  }
}
