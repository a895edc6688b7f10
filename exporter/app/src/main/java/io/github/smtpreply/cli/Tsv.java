package io.github.smtpreply.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tab-separated fields, where a field may be quoted CSV-style ({@code "a ""b"""}). */
final class Tsv {
  private Tsv() {}

  /** The rows of a table with a header line, each with at least {@code columns} fields. */
  static List<String[]> rows(InputStream table, int columns) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (LineInput in = new LineInput(table)) {
      boolean header = true;
      for (String line = in.next(); line != null; line = in.next()) {
        String[] f = fields(line);
        if (!header && f.length >= columns) {
          rows.add(f);
        }
        header = false;
      }
    }
    return rows;
  }

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

  static String[] fields(String line) {
    List<String> out = new ArrayList<>();
    for (String raw : line.split("\t", -1)) {
      if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
        out.add(raw.substring(1, raw.length() - 1).replace("\"\"", "\""));
      } else {
        out.add(raw);
      }
    }
    return out.toArray(String[]::new);
  }
}
