package io.github.smtpreply.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

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
