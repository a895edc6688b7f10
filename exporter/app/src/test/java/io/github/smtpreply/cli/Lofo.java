package io.github.smtpreply.cli;

import io.github.smtpreply.classify.Classifier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Leave-one-family-out agreement: the corpus rows are split by MTA or provider family (from the
 * email file name {@code lhost-<mta>-NN.eml} / {@code rhost-<provider>-NN.eml}, else the source).
 * For each family F, the rules that decide rows of F and of no other family are taken out of the
 * rule book, and F's rows are scored again: the figure is what the rule book does on a family its
 * authors never saw. A rule that only ever helps its own family's rows shows up as the gap between
 * the whole-corpus and the leave-one-family-out figures.
 *
 * <p>That takes out general rules too (an RFC 3463 status rule that only one family's rows happen
 * to need), so a second figure takes out only the provider rules among them: what the general part
 * of the rule book does on a family whose provider-specific rules it never had.
 */
final class Lofo {
  /**
   * One scored row: its family, the rule that decided it, the provider that rule names (null for a
   * general rule), and field → [expected, actual].
   */
  record Scored(String family, String rule, String provider, Map<String, String[]> fields) {}

  private Lofo() {}

  /** The family of a corpus row, from an email file name or a source column. */
  static String family(String source) {
    String s = source;
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    int slash = s.lastIndexOf('/');
    int colon = s.lastIndexOf(':');
    String name = s.substring(Math.max(slash, colon) + 1);
    if (name.endsWith(".eml") || name.matches(".*-[0-9]+$")) {
      name = name.replaceAll("\\.eml$", "").replaceAll("-[0-9]+$", "");
      name = name.replaceAll("^(lhost|rhost)-", "");
      return name.toLowerCase(Locale.ROOT);
    }
    if (s.startsWith("go-sisimai:")) {
      return "go:" + s.substring("go-sisimai:".length()).replaceAll("/.*", "");
    }
    if (s.toLowerCase(Locale.ROOT).contains("kumomta")) {
      return "kumomta";
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Prints whole-corpus and leave-one-family-out agreement. {@code score} scores a list of rows
   * with a classifier.
   */
  static void report(
      List<String[]> rows,
      int familyColumn,
      Classifier standard,
      BiFunction<List<String[]>, Classifier, List<Scored>> score,
      PrintStream out) {
    List<Scored> whole = score.apply(rows, standard);
    Map<String, Set<String>> familiesOfRule = new HashMap<>();
    Set<String> providerRules = new HashSet<>();
    for (Scored s : whole) {
      if (s.rule() != null) {
        familiesOfRule.computeIfAbsent(s.rule(), k -> new HashSet<>()).add(s.family());
        if (s.provider() != null) {
          providerRules.add(s.rule());
        }
      }
    }
    Map<String, List<String[]>> byFamily = new TreeMap<>();
    for (String[] row : rows) {
      byFamily.computeIfAbsent(family(row[familyColumn]), k -> new ArrayList<>()).add(row);
    }
    List<Scored> lofo = new ArrayList<>();
    List<Scored> lofoProvider = new ArrayList<>();
    int ownRules = 0;
    for (Map.Entry<String, List<String[]>> e : byFamily.entrySet()) {
      Set<String> own = new HashSet<>();
      familiesOfRule.forEach(
          (rule, families) -> {
            if (families.equals(Set.of(e.getKey()))) {
              own.add(rule);
            }
          });
      ownRules += own.size();
      if (!own.isEmpty() && System.getenv("LOFO_VERBOSE") != null) {
        out.println("family " + e.getKey() + ": own rules " + new java.util.TreeSet<>(own));
      }
      List<Scored> left = score.apply(e.getValue(), standard.withoutRules(own));
      lofo.addAll(left);
      Set<String> ownProvider = new HashSet<>(own);
      ownProvider.retainAll(providerRules);
      lofoProvider.addAll(score.apply(e.getValue(), standard.withoutRules(ownProvider)));
      if (!own.isEmpty() && System.getenv("LOFO_VERBOSE") != null) {
        List<Scored> with = score.apply(e.getValue(), standard);
        for (int i = 0; i < left.size(); i++) {
          String[] a = with.get(i).fields().get("reason");
          String[] b = left.get(i).fields().get("reason");
          if (a != null && a[0].equals(a[1]) && !b[0].equals(b[1])) {
            out.println(
                "  lost "
                    + e.getKey()
                    + " "
                    + a[0]
                    + " "
                    + with.get(i).rule()
                    + " -> "
                    + b[1]
                    + " "
                    + left.get(i).rule()
                    + "\t"
                    + String.join(" | ", e.getValue().get(i)).replace('\n', ' '));
          }
        }
      }
    }
    Map<String, int[]> w = totals(whole);
    Map<String, int[]> l = totals(lofo);
    Map<String, int[]> p = totals(lofoProvider);
    out.printf(
        Locale.ROOT,
        "%d families; %d rules decide rows of one family only%n",
        byFamily.size(),
        ownRules);
    out.printf(
        Locale.ROOT,
        "%-9s %18s %18s %18s%n",
        "field",
        "whole corpus",
        "leave-one-out",
        "(provider rules)");
    for (String field : w.keySet()) {
      int[] a = w.get(field);
      int[] b = l.getOrDefault(field, new int[2]);
      int[] c = p.getOrDefault(field, new int[2]);
      out.printf(
          Locale.ROOT,
          "%-9s %4d/%4d %6.2f%% %4d/%4d %6.2f%% %4d/%4d %6.2f%%%n",
          field,
          a[0],
          a[1],
          pct(a),
          b[0],
          b[1],
          pct(b),
          c[0],
          c[1],
          pct(c));
    }
  }

  private static double pct(int[] t) {
    return t[1] == 0 ? 0 : 100.0 * t[0] / t[1];
  }

  private static Map<String, int[]> totals(List<Scored> scored) {
    Map<String, int[]> t = new LinkedHashMap<>();
    for (Scored s : scored) {
      s.fields()
          .forEach(
              (field, pair) -> {
                int[] n = t.computeIfAbsent(field, k -> new int[2]);
                n[1]++;
                String actual = pair[1];
                int paren = actual.indexOf('(');
                if (pair[0].equals(paren > 0 ? actual.substring(0, paren) : actual)) {
                  n[0]++;
                }
              });
    }
    return t;
  }
}
