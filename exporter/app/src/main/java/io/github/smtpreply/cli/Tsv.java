package io.github.smtpreply.cli;

import java.util.Locale;

/** TSV output: one value as one field. */
final class Tsv {
  private Tsv() {}

  /**
   * A value as one TSV field, whole: tab, line breaks, backslash and other control characters
   * escaped ({@code \t}, {@code \n}, {@code \r}, {@code \\}, {@code \x01}), so nothing is cut or
   * lost and a row stays one line.
   */
  static String field(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String escaped =
          switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\\' -> "\\\\";
            default ->
                Character.isISOControl(c) ? String.format(Locale.ROOT, "\\x%02x", (int) c) : null;
          };
      if (escaped != null && out == null) {
        out = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? value : out.toString();
  }
}
