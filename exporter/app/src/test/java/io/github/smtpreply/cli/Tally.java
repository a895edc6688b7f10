package io.github.smtpreply.cli;

import java.util.Locale;

/** Agreement on one field between expected and actual values, for the scoring commands. */
final class Tally {
  private final String name;
  private int total;
  private int agree;

  Tally(String name) {
    this.name = name;
  }

  /**
   * Counts one comparison; returns a miss note, or "" on agreement. {@code actual} may carry a
   * parenthesised remark ({@code userunknown(user_unknown)}) that is not compared.
   */
  String add(String expected, String actual) {
    total++;
    String bare = actual.indexOf('(') > 0 ? actual.substring(0, actual.indexOf('(')) : actual;
    if (expected.equals(bare)) {
      agree++;
      return "";
    }
    return "\t" + name + ": expected " + expected + " got " + actual;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%-9s %4d / %4d  %6.2f%%",
        name,
        agree,
        total,
        total == 0 ? 0.0 : 100.0 * agree / total);
  }
}
