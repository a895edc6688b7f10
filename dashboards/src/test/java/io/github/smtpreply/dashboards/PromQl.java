package io.github.smtpreply.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading for the lint rules: the selectors of an expression (metric, matchers,
 * range, the function around it), the labels named in {@code by}/{@code on}/{@code group_left}
 * clauses, and the names that are neither (a bare metric without matchers).
 */
final class PromQl {
  private static final Pattern SELECTOR =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}(?:\\[([^\\]]*)\\])?");
  private static final Pattern MATCHER =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "on", "without", "ignoring");

  record Matcher(String label, String op, String value) {}

  record Selector(String metric, List<Matcher> matchers, String range, String function) {}

  private PromQl() {}

  static List<Selector> selectors(String expr) {
    List<Selector> out = new ArrayList<>();
    java.util.regex.Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      out.add(new Selector(m.group(1), matchers(m.group(2)), m.group(3), functionBefore(expr, m)));
    }
    return out;
  }

  /** Labels named in grouping and matching clauses. */
  static Set<String> groupingLabels(String expr) {
    Set<String> labels = new LinkedHashSet<>();
    java.util.regex.Matcher m = GROUPING.matcher(expr);
    while (m.find()) {
      for (String label : m.group(2).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    return labels;
  }

  /** Names left after removing selectors, strings, clauses, calls and keywords: bare metrics. */
  static List<String> bareNames(String expr) {
    String rest = SELECTOR.matcher(expr).replaceAll(" ");
    rest = GROUPING.matcher(rest).replaceAll(" ");
    rest = rest.replaceAll("\\[[^\\]]*\\]", " ");
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m = IDENTIFIER.matcher(rest);
    while (m.find()) {
      String name = m.group();
      boolean call = rest.substring(m.end()).stripLeading().startsWith("(");
      boolean number = m.start() > 0 && Character.isDigit(rest.charAt(m.start() - 1));
      if (!call && !number && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  static Map<String, String> equalities(Selector s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Matcher m : s.matchers()) {
      if (m.op().equals("=")) {
        out.put(m.label(), m.value());
      }
    }
    return out;
  }

  private static List<Matcher> matchers(String body) {
    List<Matcher> out = new ArrayList<>();
    for (String part : body.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
      if (part.isBlank()) {
        continue;
      }
      java.util.regex.Matcher m = MATCHER.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a label matcher: " + part);
      }
      out.add(new Matcher(m.group(1), m.group(2), m.group(3)));
    }
    return out;
  }

  private static String functionBefore(String expr, java.util.regex.Matcher selector) {
    int i = selector.start() - 1;
    while (i >= 0 && Character.isWhitespace(expr.charAt(i))) {
      i--;
    }
    if (i < 0 || expr.charAt(i) != '(') {
      return null;
    }
    int end = i;
    while (end > 0 && Character.isWhitespace(expr.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0
        && (Character.isLetterOrDigit(expr.charAt(start - 1)) || expr.charAt(start - 1) == '_')) {
      start--;
    }
    return start == end ? null : expr.substring(start, end);
  }
}
