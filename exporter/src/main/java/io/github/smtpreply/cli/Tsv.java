package io.github.smtpreply.cli;

import java.util.ArrayList;
import java.util.List;

/** Tab-separated fields, where a field may be quoted CSV-style ({@code "a ""b"""}). */
final class Tsv {
  private Tsv() {}

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
