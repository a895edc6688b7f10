package io.github.smtpreply.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Expands one panel spec into classic Grafana dashboard JSON (schemaVersion 39): variables, a data
 * source reference on every panel and target, matchers for the variables, units, thresholds, links,
 * value mappings and class names from the catalog, ids in order and a grid that flows left to right
 * in rows of 24 columns.
 */
final class DashboardBuilder {
  static final int SCHEMA_VERSION = 39;
  static final int GRID_WIDTH = 24;
  static final String DEFAULT_EXPLAIN_URL = "http://localhost:9465";

  private final JsonNode spec;

  DashboardBuilder(JsonNode spec) {
    this.spec = spec;
  }

  ObjectNode build() {
    ObjectNode d = Dashboards.object();
    d.putNull("id");
    d.put("uid", spec.get("uid").asText());
    d.put("title", spec.get("title").asText());
    d.put("description", spec.get("description").asText());
    d.putArray("tags").add("smtp").add("smtp-reply");
    d.put("schemaVersion", SCHEMA_VERSION);
    d.put("version", 1);
    d.put("editable", false);
    d.put("graphTooltip", 1);
    d.put("refresh", "1m");
    ObjectNode time = d.putObject("time");
    time.put("from", "now-6h");
    time.put("to", "now");
    d.put("timezone", "");
    d.putObject("annotations").putArray("list");
    ArrayNode links = d.putArray("links");
    for (JsonNode link : spec.get("links")) {
      ObjectNode l = links.addObject();
      l.put("title", link.get("title").asText());
      l.put("type", "link");
      l.put("url", link.get("url").asText());
      l.put("targetBlank", !link.get("url").asText().startsWith("/d/"));
      l.put("asDropdown", false);
      l.put("icon", "external link");
      l.put("includeVars", false);
      l.put("keepTime", false);
      l.putArray("tags");
      l.put("tooltip", "");
    }
    ArrayNode variables = d.putObject("templating").putArray("list");
    variables.add(Variables.datasource());
    for (JsonNode name : spec.get("variables")) {
      variables.add(Variables.of(name.asText()));
    }
    variables.add(Variables.explainUrl());
    ArrayNode panels = d.putArray("panels");
    int id = 1;
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    for (JsonNode p : spec.get("panels")) {
      int w = p.get("w").asInt();
      int h = p.get("h").asInt();
      if (x + w > GRID_WIDTH) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      ObjectNode panel = panel(p, id++);
      ObjectNode grid = panel.putObject("gridPos");
      grid.put("x", x);
      grid.put("y", y);
      grid.put("w", w);
      grid.put("h", h);
      panels.add(reorder(panel));
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    return d;
  }

  private ObjectNode panel(JsonNode p, int id) {
    String type = p.get("type").asText();
    ObjectNode panel = Dashboards.object();
    panel.put("id", id);
    panel.put("type", type);
    panel.put("title", p.get("title").asText());
    panel.put("description", p.get("description").asText());
    panel.set("datasource", Variables.datasourceRef());
    ArrayNode targets = panel.putArray("targets");
    char refId = 'A';
    for (JsonNode t : p.get("targets")) {
      boolean instant = t.path("instant").asBoolean(false);
      ObjectNode target = targets.addObject();
      target.put("refId", String.valueOf(refId++));
      target.set("datasource", Variables.datasourceRef());
      target.put("editorMode", "code");
      target.put("expr", MetricContract.expand(t.get("expr").asText()));
      target.put("legendFormat", t.get("legend").asText());
      target.put("format", t.path("format").asText("time_series"));
      target.put("instant", instant);
      target.put("range", !instant);
    }
    ObjectNode defaults = panel.putObject("fieldConfig").putObject("defaults");
    ArrayNode overrides = ((ObjectNode) panel.get("fieldConfig")).putArray("overrides");
    defaults.put("unit", p.get("unit").asText());
    defaults.set("thresholds", thresholds(p.path("thresholds")));
    defaults.putObject("color").put("mode", type.equals("stat") ? "thresholds" : "palette-classic");
    ArrayNode links = defaults.putArray("links");
    for (JsonNode kind : p.path("links")) {
      links.add(Links.series(kind.asText()));
    }
    defaults.putArray("mappings");
    if (p.path("classColors").asBoolean(false)) {
      for (Map.Entry<String, String> c : CatalogNames.classes().entrySet()) {
        String color =
            CatalogNames.CLASS_COLORS.entrySet().stream()
                .filter(e -> e.getKey().label().equals(c.getKey()))
                .findFirst()
                .orElseThrow()
                .getValue();
        ObjectNode o = override(overrides, c.getKey());
        property(o, "displayName").put("value", c.getValue());
        ObjectNode fixed = property(o, "color").putObject("value");
        fixed.put("mode", "fixed");
        fixed.put("fixedColor", color);
      }
    }
    for (Map.Entry<String, JsonNode> column : p.path("mappings").properties()) {
      ObjectNode o = override(overrides, column.getKey());
      property(o, "mappings").putArray("value").add(mapping(column.getValue().asText()));
      JsonNode cellLink = p.path("cellLinks").get(column.getKey());
      if (cellLink != null) {
        property(o, "links").putArray("value").add(Links.cell());
      }
    }
    if (type.equals("timeseries")) {
      ObjectNode custom = defaults.putObject("custom");
      custom.put("fillOpacity", 10);
      custom.put("showPoints", "never");
      custom
          .putObject("stacking")
          .put("mode", p.path("stack").asBoolean(false) ? "normal" : "none");
    }
    panel.set("options", options(type, p));
    if (type.equals("table")) {
      ObjectNode organize = panel.putArray("transformations").addObject();
      organize.put("id", "organize");
      ObjectNode options = organize.putObject("options");
      options.putObject("excludeByName").put("Time", true);
      options.putObject("renameByName").put("Value", "per second");
    }
    return panel;
  }

  private static ObjectNode options(String type, JsonNode p) {
    ObjectNode o = Dashboards.object();
    ObjectNode reduce = Dashboards.object();
    reduce.putArray("calcs").add("lastNotNull");
    reduce.put("fields", "");
    reduce.put("values", false);
    switch (type) {
      case "stat" -> {
        o.set("reduceOptions", reduce);
        o.put("colorMode", "value");
        o.put("graphMode", "area");
        o.put("justifyMode", "auto");
        o.put("textMode", p.path("textMode").asText("auto"));
      }
      case "bargauge" -> {
        o.set("reduceOptions", reduce);
        o.put("displayMode", "gradient");
        o.put("orientation", "horizontal");
        o.put("showUnfilled", true);
      }
      case "table" -> {
        o.put("showHeader", true);
        ObjectNode sort = o.putArray("sortBy").addObject();
        sort.put("displayName", "per second");
        sort.put("desc", true);
      }
      case "timeseries" -> {
        ObjectNode legend = o.putObject("legend");
        legend.put("displayMode", "table");
        legend.put("placement", "right");
        legend.put("showLegend", true);
        legend.putArray("calcs").add("lastNotNull");
        ObjectNode tooltip = o.putObject("tooltip");
        tooltip.put("mode", "multi");
        tooltip.put("sort", "desc");
      }
      default -> throw new IllegalArgumentException("unknown panel type " + type);
    }
    return o;
  }

  /** Green, then orange and red from the spec's two limits; green only without limits. */
  private static ObjectNode thresholds(JsonNode limits) {
    ObjectNode t = Dashboards.object();
    t.put("mode", "absolute");
    ArrayNode steps = t.putArray("steps");
    ObjectNode base = steps.addObject();
    base.put("color", "green");
    base.putNull("value");
    String[] colors = {"orange", "red"};
    for (int i = 0; i < limits.size(); i++) {
      ObjectNode step = steps.addObject();
      step.put("color", colors[i]);
      step.put("value", limits.get(i).asDouble());
    }
    return t;
  }

  /** A value mapping from the catalog: {@code code}, {@code enhanced} or {@code class} names. */
  private static ObjectNode mapping(String kind) {
    Map<String, String> names =
        switch (kind) {
          case "code" -> CatalogNames.codes();
          case "enhanced" -> CatalogNames.enhanced();
          case "class" -> CatalogNames.classes();
          default -> throw new IllegalArgumentException("unknown mapping " + kind);
        };
    ObjectNode mapping = Dashboards.object();
    mapping.put("type", "value");
    ObjectNode options = mapping.putObject("options");
    int index = 0;
    for (Map.Entry<String, String> name : names.entrySet()) {
      ObjectNode option = options.putObject(name.getKey());
      option.put("text", name.getValue());
      option.put("index", index++);
    }
    return mapping;
  }

  private static ObjectNode override(ArrayNode overrides, String field) {
    ObjectNode o = overrides.addObject();
    ObjectNode matcher = o.putObject("matcher");
    matcher.put("id", "byName");
    matcher.put("options", field);
    o.putArray("properties");
    return o;
  }

  private static ObjectNode property(ObjectNode override, String id) {
    ObjectNode p = ((ArrayNode) override.get("properties")).addObject();
    p.put("id", id);
    return p;
  }

  /** Grid position right after the id, type and title, as Grafana writes it. */
  private static ObjectNode reorder(ObjectNode panel) {
    ObjectNode out = Dashboards.object();
    for (String key : new String[] {"id", "type", "title", "description", "gridPos"}) {
      out.set(key, panel.get(key));
    }
    out.setAll(panel);
    return out;
  }
}
