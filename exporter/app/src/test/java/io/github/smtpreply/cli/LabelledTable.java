package io.github.smtpreply.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled table for the scoring tools: tab-separated, a header line, and a field may be quoted
 * CSV-style ({@code "a ""b"""}).
 */
final class LabelledTable {
  private LabelledTable() {}

  /**
   * The rows of a table with a header line. A row with fewer than {@code columns} fields is an
   * error naming its line: a silently skipped row would change the score. Blank lines are skipped.
   */
  static List<String[]> rows(InputStream table, int columns) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (LineInput in = new LineInput(table)) {
      int number = 0;
      for (String line = in.next(); line != null; line = in.next()) {
        number++;
        String[] f = fields(line);
        if (number == 1 || line.isEmpty()) {
          continue; // the header; blank lines
        }
        if (f.length < columns) {
          throw new IOException(
              "line " + number + " has " + f.length + " fields; the table needs " + columns);
        }
        rows.add(f);
      }
    }
    return rows;
  }

  /** One line's fields, quotes removed. */
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
