package io.github.smtpreply.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the bundled data files (UTF-8 text) from the class path. */
public final class DataFiles {
  private DataFiles() {}

  /** All lines of a resource next to {@code anchor}, without line terminators. */
  public static List<String> lines(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled data file missing: " + anchor.getPackageName() + "/" + name);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data file " + name, e);
    }
  }

  /**
   * The rows of a tab-separated resource: the header line and lines starting with {@code #} or
   * blank are skipped. Each row must have {@code columns} fields.
   */
  public static List<String[]> tsv(Class<?> anchor, String name, int columns) {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = lines(anchor, name);
    boolean header = true;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != columns) {
        throw new IllegalStateException(
            name + " line " + (n + 1) + ": expected " + columns + " fields, got " + fields.length);
      }
      rows.add(fields);
    }
    return rows;
  }
}
