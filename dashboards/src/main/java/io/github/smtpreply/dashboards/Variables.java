package io.github.smtpreply.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The dashboard variables: {@code datasource}, the label filters {@code job}, {@code instance},
 * {@code source} and {@code route} (multi-select, all = {@code .+}, reloaded when the time range
 * changes), the drill-down's {@code code} and {@code compare_with}, and {@code explain_url}.
 */
final class Variables {
  /** Each filter's query: label values of the reply metric under the filters before it. */
  static final List<String> FILTERS = List.of("job", "instance", "source", "route");

  private Variables() {}

  static ObjectNode datasourceRef() {
    ObjectNode ref = Dashboards.object();
    ref.put("type", "prometheus");
    ref.put("uid", "${datasource}");
    return ref;
  }

  static ObjectNode datasource() {
    ObjectNode v = Dashboards.object();
    v.put("name", "datasource");
    v.put("label", "Data source");
    v.put("type", "datasource");
    v.put("query", "prometheus");
    v.put("regex", "");
    v.put("hide", 0);
    v.put("refresh", 1);
    v.putArray("options");
    return v;
  }

  static ObjectNode of(String name) {
    return switch (name) {
      case "job", "instance", "source", "route" -> filter(name);
      case "code" -> code();
      case "compare_with" -> compareWith();
      default -> throw new IllegalArgumentException("unknown variable " + name);
    };
  }

  /** {@code label_values(smtp_replies_total{job=~"$job", …}, label)} over the filters before it. */
  static String filterQuery(String name) {
    StringBuilder matchers = new StringBuilder();
    for (String before : FILTERS.subList(0, FILTERS.indexOf(name))) {
      matchers.append(matchers.length() == 0 ? "" : ", ");
      matchers.append(before).append("=~\"$").append(before).append('"');
    }
    return labelValues(matchers.toString(), name);
  }

  private static String labelValues(String matchers, String label) {
    String selector = MetricContract.REPLIES + (matchers.isEmpty() ? "" : "{" + matchers + "}");
    return "label_values(" + selector + ", " + label + ")";
  }

  private static ObjectNode filter(String name) {
    ObjectNode v = query(name, Character.toUpperCase(name.charAt(0)) + name.substring(1));
    v.put("query", filterQuery(name));
    v.put("multi", true);
    v.put("includeAll", true);
    v.put("allValue", ".+");
    ObjectNode current = v.putObject("current");
    current.put("selected", true);
    current.putArray("text").add("All");
    current.putArray("value").add("$__all");
    return v;
  }

  private static ObjectNode code() {
    ObjectNode v = query("code", "Code");
    String q = labelValues("job=~\"$job\", instance=~\"$instance\"", "code");
    v.put("query", q);
    v.put("multi", false);
    v.put("includeAll", false);
    return v;
  }

  private static ObjectNode query(String name, String label) {
    ObjectNode v = Dashboards.object();
    v.put("name", name);
    v.put("label", label);
    v.put("type", "query");
    v.set("datasource", datasourceRef());
    v.put("hide", 0);
    v.put("refresh", 2);
    v.put("regex", "");
    v.put("sort", 3);
    v.putArray("options");
    return v;
  }

  /**
   * The basic codes of the catalog, for the comparison link; 451 selected (transient against the
   * permanent codes).
   */
  private static ObjectNode compareWith() {
    ObjectNode v = Dashboards.object();
    v.put("name", "compare_with");
    v.put("label", "Compare with");
    v.put("type", "custom");
    v.put("hide", 0);
    List<String> codes = CatalogNames.basicCodes();
    v.put("query", String.join(",", codes));
    v.put("multi", false);
    v.put("includeAll", false);
    ObjectNode current = v.putObject("current");
    current.put("selected", true);
    current.put("text", "451");
    current.put("value", "451");
    ArrayNode options = v.putArray("options");
    for (String code : codes) {
      ObjectNode o = options.addObject();
      o.put("selected", code.equals("451"));
      o.put("text", code);
      o.put("value", code);
    }
    return v;
  }

  static ObjectNode explainUrl() {
    ObjectNode v = Dashboards.object();
    v.put("name", "explain_url");
    v.put("label", "Explanation pages");
    v.put("type", "textbox");
    v.put("description", "Base URL of the smtp-reply exporter as your browser reaches it");
    v.put("hide", 0);
    v.put("query", DEFAULT_EXPLAIN_URL);
    ObjectNode current = v.putObject("current");
    current.put("text", DEFAULT_EXPLAIN_URL);
    current.put("value", DEFAULT_EXPLAIN_URL);
    ArrayNode options = v.putArray("options");
    ObjectNode o = options.addObject();
    o.put("selected", true);
    o.put("text", DEFAULT_EXPLAIN_URL);
    o.put("value", DEFAULT_EXPLAIN_URL);
    return v;
  }

  static final String DEFAULT_EXPLAIN_URL = DashboardBuilder.DEFAULT_EXPLAIN_URL;
}
