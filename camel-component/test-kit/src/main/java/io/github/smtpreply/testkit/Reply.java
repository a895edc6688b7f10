package io.github.smtpreply.testkit;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more lines of text. Several lines
 * go on the wire as a multi-line reply ({@code 250-first}, ..., {@code 250 last}).
 *
 * @param code the reply code, 200 to 599 (or 1xx-3xx intermediate codes such as 334 and 354)
 * @param lines the text lines, without the code; may be empty for a bare {@code 250}
 */
public record Reply(int code, List<String> lines) {
  public Reply {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("an SMTP reply code has three digits, 100-599: " + code);
    }
    lines = List.copyOf(lines);
    for (String line : lines) {
      // A CR or LF inside a line would let a script forge a second reply.
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a reply line cannot hold CR or LF: " + line);
      }
    }
  }

  /** A reply of one line per text given, e.g. {@code Reply.of(550, "5.1.1 User unknown")}. */
  public static Reply of(int code, String... lines) {
    Objects.requireNonNull(lines, "lines");
    return new Reply(code, List.of(lines));
  }

  /** The text of all lines joined by a space, as clients usually show it. */
  public String text() {
    return String.join(" ", lines);
  }

  /** Whether this is a positive completion (2xx). */
  public boolean isPositive() {
    return code / 100 == 2;
  }

  /** The reply as it goes on the wire, each line ending in CRLF. */
  String wire() {
    if (lines.isEmpty()) {
      return code + "\r\n";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean last = i == lines.size() - 1;
      out.append(code).append(last ? ' ' : '-').append(line).append("\r\n");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return lines.isEmpty() ? Integer.toString(code) : code + " " + text();
  }
}
