package io.github.smtpreply.cli;

/** Small helpers shared by the commands. */
final class Cli {
  private Cli() {}

  /** User input echoed in an error message: control characters shown, at most 80 characters. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.length() > 80 ? out + "…" : out.toString();
  }
}
