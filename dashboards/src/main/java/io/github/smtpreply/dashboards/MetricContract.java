package io.github.smtpreply.dashboards;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and labels that dashboards read (DESIGN.md, "The metric"), and the dashboard
 * variables each metric is filtered by. Panel specs write {@code metric{@}} or {@code metric{@,
 * label="value"}}; {@link #expand} puts the variable matchers in place of {@code @}.
 */
public final class MetricContract {
  public static final String REPLIES = "smtp_replies_total";
  public static final String CODE_INFO = "smtp_code_info";
  public static final String LOG_LINES = "smtp_log_lines_total";

  /** The labels of {@link #REPLIES}, in DESIGN.md's order. */
  public static final List<String> REPLY_LABELS =
      List.of("code", "class", "enhanced", "reason", "stage", "source", "route");

  /**
   * Every label of each metric that a dashboard may use, besides {@code job} and {@code instance}.
   */
  public static final Map<String, List<String>> LABELS =
      Map.of(
          REPLIES, REPLY_LABELS,
          CODE_INFO, List.of("code", "name", "class"),
          LOG_LINES, List.of("input", "result"));

  /** The dashboard variables that filter each metric, as {@code label=~"$label"}. */
  public static final Map<String, List<String>> FILTERS =
      Map.of(
          REPLIES, List.of("job", "instance", "source", "route"),
          CODE_INFO, List.of("job", "instance"),
          LOG_LINES, List.of("job", "instance"));

  private static final Pattern PLACEHOLDER = Pattern.compile("([a-z_]+)\\{@");

  private MetricContract() {}

  /** {@code smtp_replies_total{@, class="permanent"}} with the variable matchers in place of @. */
  public static String expand(String expr) {
    Matcher m = PLACEHOLDER.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> filters = FILTERS.get(m.group(1));
      if (filters == null) {
        throw new IllegalArgumentException("no filters known for metric " + m.group(1));
      }
      StringBuilder matchers = new StringBuilder();
      for (String label : filters) {
        matchers.append(matchers.length() == 0 ? "" : ", ").append(label).append("=~\"$");
        matchers.append(label).append('"');
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "{" + matchers));
    }
    m.appendTail(out);
    return out.toString();
  }
}
