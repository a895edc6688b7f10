package io.github.smtpreply.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smtpreply.reply.ReplyClass;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * grafana/dashboard-linter's rules, and this project's stricter ones, as a function from dashboard
 * JSON to the list of violations (empty when clean). Rules: one {@code datasource} variable; {@code
 * job}, {@code instance}, {@code source}, {@code route} variables on it, multi-select with all =
 * {@code .+}, reloaded on time change; not editable; every panel titled, described, with a valid
 * unit and its targets on the data source variable; every selector with the variable matchers;
 * ranges only {@code $__rate_interval} and counters only inside rate/irate/increase; labels and
 * values from the metric contract; legends and links only with labels the query keeps; unique ids;
 * a grid of 24 columns without overlaps.
 */
final class DashboardLint {
  /** Grafana unit ids this project uses or may use (from Grafana's unit categories). */
  static final Set<String> UNITS =
      Set.of("none", "short", "percent", "percentunit", "cps", "ops", "reqps", "cpm", "s", "ms");

  static final Set<String> DATASOURCE_UIDS = Set.of("$datasource", "${datasource}");
  static final Set<String> LOG_RESULTS = Set.of("understood", "not_understood");
  static final Set<String> BUILT_INS =
      Set.of("__url_time_range", "__value.raw", "__field.labels.code", "__field.labels.enhanced");
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_]+)\\s*\\}\\}");
  private static final Pattern URL_VARIABLE = Pattern.compile("\\$\\{([^}:]+)(?::[a-z]+)?\\}");

  private final JsonNode d;
  private final Set<String> dashboardUids;
  private final List<String> problems = new ArrayList<>();

  private DashboardLint(JsonNode dashboard, Set<String> dashboardUids) {
    this.d = dashboard;
    this.dashboardUids = dashboardUids;
  }

  static List<String> check(JsonNode dashboard, Set<String> dashboardUids) {
    DashboardLint lint = new DashboardLint(dashboard, dashboardUids);
    lint.dashboard();
    lint.variables();
    lint.panels();
    lint.grid();
    return lint.problems;
  }

  private void problem(String where, String what) {
    problems.add(d.path("uid").asText() + ": " + where + ": " + what);
  }

  private void dashboard() {
    if (d.path("schemaVersion").asInt() != DashboardBuilder.SCHEMA_VERSION) {
      problem("dashboard", "schemaVersion is not " + DashboardBuilder.SCHEMA_VERSION);
    }
    if (d.path("editable").asBoolean(true)) {
      problem("dashboard", "editable (dashboard-linter: uneditable)");
    }
    if (d.path("title").asText().isBlank() || d.path("description").asText().isBlank()) {
      problem("dashboard", "no title or description");
    }
    for (JsonNode link : d.path("links")) {
      url("dashboard link " + link.path("title").asText(), link.path("url").asText());
    }
  }

  private Set<String> variableNames() {
    Set<String> names = new HashSet<>();
    d.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
    return names;
  }

  private void variables() {
    List<JsonNode> datasources = new ArrayList<>();
    for (JsonNode v : d.path("templating").path("list")) {
      String name = v.path("name").asText();
      String type = v.path("type").asText();
      if (type.equals("datasource")) {
        datasources.add(v);
      }
      if (type.equals("query")) {
        if (!DATASOURCE_UIDS.contains(v.path("datasource").path("uid").asText())) {
          problem("variable " + name, "not on the datasource variable");
        }
        if (v.path("refresh").asInt() != 2) {
          problem("variable " + name, "not reloaded on time range change (refresh 2)");
        }
        String query = v.path("query").asText();
        if (!query.startsWith("label_values(" + MetricContract.REPLIES)) {
          problem("variable " + name, "query is not label_values of the reply metric: " + query);
        }
      }
    }
    if (datasources.size() != 1
        || !datasources.get(0).path("name").asText().equals("datasource")
        || !datasources.get(0).path("label").asText().equals("Data source")
        || !datasources.get(0).path("query").asText().equals("prometheus")) {
      problem("variables", "not exactly one Prometheus variable named datasource, 'Data source'");
    }
    for (String filter : Variables.FILTERS) {
      JsonNode v = variable(filter);
      String label = Character.toUpperCase(filter.charAt(0)) + filter.substring(1);
      if (v == null
          || !v.path("type").asText().equals("query")
          || !v.path("label").asText().equals(label)
          || !v.path("multi").asBoolean()
          || !v.path("includeAll").asBoolean()
          || !v.path("allValue").asText().equals(".+")) {
        problem("variable " + filter, "missing, or not a multi-select query with all = .+");
      }
    }
    if (variable("explain_url") == null) {
      problem("variables", "no explain_url variable for the explanation links");
    }
  }

  private JsonNode variable(String name) {
    for (JsonNode v : d.path("templating").path("list")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    return null;
  }

  private void panels() {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : d.path("panels")) {
      String where = "panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "'";
      if (!ids.add(p.path("id").asInt()) || p.path("id").asInt() <= 0) {
        problem(where, "id not unique and positive");
      }
      if (p.path("title").asText().isBlank() || p.path("description").asText().isBlank()) {
        problem(where, "no title or description");
      }
      if (!UNITS.contains(p.path("fieldConfig").path("defaults").path("unit").asText())) {
        problem(where, "no or unknown unit");
      }
      if (!DATASOURCE_UIDS.contains(p.path("datasource").path("uid").asText())) {
        problem(where, "not on the datasource variable");
      }
      if (p.path("targets").isEmpty()) {
        problem(where, "no targets");
      }
      Set<String> refIds = new HashSet<>();
      Set<String> kept = new LinkedHashSet<>();
      for (JsonNode t : p.path("targets")) {
        if (!refIds.add(t.path("refId").asText())) {
          problem(where, "refId " + t.path("refId").asText() + " twice");
        }
        if (!DATASOURCE_UIDS.contains(t.path("datasource").path("uid").asText())) {
          problem(where, "target not on the datasource variable");
        }
        String expr = t.path("expr").asText();
        kept.addAll(expression(where, expr));
        Matcher legend = LEGEND_LABEL.matcher(t.path("legendFormat").asText());
        while (legend.find()) {
          if (!kept.contains(legend.group(1))) {
            problem(where, "legend uses {{" + legend.group(1) + "}}, which the query drops");
          }
        }
      }
      links(where, p, kept);
    }
  }

  /** Checks an expression; returns the labels its result keeps (its grouping labels). */
  private Set<String> expression(String where, String expr) {
    for (String bare : PromQl.bareNames(expr)) {
      problem(where, "selector without matchers: " + bare);
    }
    for (PromQl.Selector s : PromQl.selectors(expr)) {
      List<String> labels = MetricContract.LABELS.get(s.metric());
      if (labels == null) {
        problem(where, "metric not in the contract: " + s.metric());
        continue;
      }
      for (String filter : MetricContract.FILTERS.get(s.metric())) {
        if (!s.matchers().contains(new PromQl.Matcher(filter, "=~", "$" + filter))) {
          problem(where, s.metric() + " without " + filter + "=~\"$" + filter + "\"");
        }
      }
      for (PromQl.Matcher m : s.matchers()) {
        if (!labels.contains(m.label())
            && !m.label().equals("job")
            && !m.label().equals("instance")) {
          problem(where, s.metric() + " has no label " + m.label());
        }
        values(where, m);
      }
      if (s.range() != null && !s.range().equals("$__rate_interval")) {
        problem(where, "range [" + s.range() + "] instead of [$__rate_interval]");
      }
      if (s.metric().endsWith("_total")
          && (s.range() == null || !Set.of("rate", "irate", "increase").contains(s.function()))) {
        problem(where, "counter " + s.metric() + " outside rate/irate/increase");
      }
    }
    Set<String> grouping = PromQl.groupingLabels(expr);
    Set<String> known = new HashSet<>();
    MetricContract.LABELS.values().forEach(known::addAll);
    for (String label : grouping) {
      if (!known.contains(label)) {
        problem(where, "groups by " + label + ", which no metric has");
      }
    }
    return grouping;
  }

  /** Label values in matchers must be values the exporter writes. */
  private void values(String where, PromQl.Matcher m) {
    if (m.value().startsWith("$")) {
      return;
    }
    List<String> values = List.of(m.value().split("\\|"));
    for (String value : values) {
      boolean ok =
          switch (m.label()) {
            case "class" ->
                ReplyClass.ofLabel(value).filter(c -> c != ReplyClass.UNKNOWN).isPresent();
            case "result" -> LOG_RESULTS.contains(value);
            default -> false;
          };
      if (!ok) {
        problem(where, "matcher value " + m.label() + "=" + value + " is not a known value");
      }
    }
  }

  private void links(String where, JsonNode p, Set<String> kept) {
    List<JsonNode> links = new ArrayList<>();
    p.path("fieldConfig").path("defaults").path("links").forEach(links::add);
    Set<String> linkedColumns = new HashSet<>();
    for (JsonNode o : p.path("fieldConfig").path("overrides")) {
      for (JsonNode property : o.path("properties")) {
        if (property.path("id").asText().equals("links")) {
          linkedColumns.add(o.path("matcher").path("options").asText());
          property.path("value").forEach(links::add);
        }
      }
    }
    Set<String> urls = new HashSet<>();
    for (JsonNode link : links) {
      String url = link.path("url").asText();
      urls.add(url);
      url(where, url);
      Matcher v = URL_VARIABLE.matcher(url);
      while (v.find()) {
        String name = v.group(1);
        if (name.startsWith("__field.labels.") && !kept.contains(name.substring(15))) {
          problem(where, "link uses " + name + ", which the query drops");
        }
      }
    }
    boolean table = p.path("type").asText().equals("table");
    for (String label : List.of("code", "enhanced")) {
      String legend = "{{" + label + "}}";
      boolean shown =
          table
              ? kept.contains(label)
              : p.path("targets").findValuesAsText("legendFormat").stream()
                  .anyMatch(l -> l.contains(legend));
      boolean linked =
          table
              ? linkedColumns.contains(label)
              : urls.contains("${explain_url}/codes/${__field.labels." + label + "}");
      if (shown && !linked) {
        problem(where, "shows " + label + " without a link to its explanation page");
      }
    }
  }

  private void url(String where, String url) {
    boolean page =
        url.startsWith("${explain_url}/codes") || url.startsWith("${explain_url}/compare/");
    boolean dashboard =
        dashboardUids.stream().anyMatch(uid -> url.startsWith("/d/" + uid + "/" + uid + "?"));
    if (!page && !dashboard) {
      problem(where, "link to neither an explanation page nor one of the dashboards: " + url);
    }
    Matcher v = URL_VARIABLE.matcher(url);
    while (v.find()) {
      String name = v.group(1);
      if (!variableNames().contains(name)
          && !BUILT_INS.contains(name)
          && !name.startsWith("__field.labels.")) {
        problem(where, "link uses an unknown variable " + name);
      }
    }
  }

  private void grid() {
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode p : d.path("panels")) {
      JsonNode g = p.path("gridPos");
      int x = g.path("x").asInt(-1);
      int y = g.path("y").asInt(-1);
      int w = g.path("w").asInt();
      int h = g.path("h").asInt();
      String where = "panel " + p.path("id").asInt();
      if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > DashboardBuilder.GRID_WIDTH) {
        problem(where, "gridPos outside the 24-column grid: " + g);
      }
      for (int[] b : boxes) {
        if (x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h) {
          problem(where, "overlaps another panel at " + g);
        }
      }
      boxes.add(new int[] {x, y, w, h});
    }
  }
}
