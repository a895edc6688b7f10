package io.github.smtpreply.text;

import java.util.Locale;

/**
 * User input shown back in an error message: control characters written as escapes, long input cut
 * with its length noted, so a 1 MB line or binary junk gives a short, readable message.
 */
public final class Echo {
  private Echo() {}

  /** The first {@code limit} characters of {@code input}, control characters escaped. */
  public static String of(CharSequence input, int limit) {
    int end = Math.min(input.length(), limit);
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      char c = input.charAt(i);
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (input.length() > limit) {
      out.append(" … (").append(input.length()).append(" chars)");
    }
    return out.toString();
  }
}
