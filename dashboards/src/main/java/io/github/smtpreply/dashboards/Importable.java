package io.github.smtpreply.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The copy of a dashboard for Grafana's import dialog (and grafana.com): {@code __inputs} asks for
 * a Prometheus data source, which becomes the default of the {@code datasource} variable; the
 * panels still follow the variable, so the drill-down links keep working.
 */
final class Importable {
  static final String INPUT = "DS_PROMETHEUS";

  private Importable() {}

  static ObjectNode of(ObjectNode provisioned) {
    ObjectNode d = Dashboards.object();
    ObjectNode input = d.putArray("__inputs").addObject();
    input.put("name", INPUT);
    input.put("label", "Prometheus");
    input.put("description", "The Prometheus that scrapes the smtp-reply exporter");
    input.put("type", "datasource");
    input.put("pluginId", "prometheus");
    input.put("pluginName", "Prometheus");
    d.putObject("__elements");
    ArrayNode requires = d.putArray("__requires");
    require(requires, "grafana", "grafana", "Grafana", "10.4.0");
    require(requires, "datasource", "prometheus", "Prometheus", "1.0.0");
    Set<String> panelTypes = new TreeSet<>();
    provisioned.get("panels").forEach(p -> panelTypes.add(p.get("type").asText()));
    for (String type : panelTypes) {
      require(requires, "panel", type, type, "");
    }
    d.setAll(provisioned.deepCopy());
    for (JsonNode variable : d.get("templating").get("list")) {
      if (variable.get("type").asText().equals("datasource")) {
        ObjectNode current = ((ObjectNode) variable).putObject("current");
        current.put("selected", true);
        current.put("text", "${" + INPUT + "}");
        current.put("value", "${" + INPUT + "}");
      }
    }
    return d;
  }

  private static void require(
      ArrayNode requires, String type, String id, String name, String version) {
    ObjectNode r = requires.addObject();
    r.put("type", type);
    r.put("id", id);
    r.put("name", name);
    r.put("version", version);
  }
}
