package io.github.smtpreply.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The committed dashboards pass grafana/dashboard-linter's rules (see {@link DashboardLint}). */
class DashboardLintTest {
  static final Set<String> UIDS = Set.of("smtp-reply-overview", "smtp-reply-code");

  static List<Path> committed() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : new String[] {"grafana", "import"}) {
      try (var list = Files.list(GeneratedDashboardsTest.MODULE.resolve(dir))) {
        list.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void committedDashboardsAreClean() throws IOException {
    assertThat(committed()).hasSize(4);
    for (Path file : committed()) {
      JsonNode d = Dashboards.JSON.readTree(file.toFile());
      assertThat(DashboardLint.check(d, UIDS)).as(file.toString()).isEmpty();
      assertThat(d.path("panels").size()).as(file.toString()).isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void provisionedCopiesHaveNoInputsAndImportableCopiesDeclareTheirs() throws IOException {
    for (Path file : committed()) {
      String text = Files.readString(file);
      JsonNode d = Dashboards.JSON.readTree(text);
      if (file.getParent().getFileName().toString().equals("import")) {
        assertThat(d.path("__inputs").findValuesAsText("name")).containsExactly("DS_PROMETHEUS");
        assertThat(text.replace("${DS_PROMETHEUS}", "")).doesNotContain("${DS_");
        assertThat(d.path("id").isNull()).isTrue();
      } else {
        assertThat(d.has("__inputs")).isFalse();
        assertThat(text).doesNotContain("${DS_").contains("\"uid\": \"${datasource}\"");
      }
    }
  }

  /** Each rule can fail: a dashboard broken in one way gives exactly that complaint. */
  @Test
  void theRulesCatchBreakage() {
    assertBroken(d -> d.put("editable", true), "editable");
    assertBroken(d -> panel(d, 0).put("description", ""), "no title or description");
    assertBroken(d -> unit(d).put("unit", "furlongs"), "unknown unit");
    assertBroken(d -> target(d).put("expr", expr(d).replace("$__rate_interval", "5m")), "[5m]");
    assertBroken(
        d -> target(d).put("expr", expr(d).replace("job=~\"$job\", ", "")), "without job=~");
    assertBroken(
        d -> target(d).put("expr", expr(d).replace("instance=~\"$instance\", ", "")),
        "without instance=~");
    assertBroken(
        d -> target(d).put("expr", "sum(smtp_replies_total{job=~\"$job\"})"), "outside rate");
    assertBroken(
        d -> target(d).put("expr", "sum(rate(smtp_replies_total[5m]))"), "without matchers");
    assertBroken(
        d -> target(d).put("expr", expr(d).replace("class=\"permanent\"", "class=\"fatal\"")),
        "class=fatal");
    assertBroken(
        d -> target(d).put("expr", expr(d).replace("class=\"permanent\"", "klass=\"permanent\"")),
        "no label klass");
    assertBroken(d -> panel(d, 1).put("id", 1), "id not unique");
    assertBroken(d -> ((ObjectNode) panel(d, 1).get("gridPos")).put("x", 20), "gridPos");
    assertBroken(d -> ((ObjectNode) panel(d, 1).get("gridPos")).put("x", 3), "overlaps");
    assertBroken(
        d -> ((ObjectNode) d.get("templating").get("list").get(1)).put("allValue", ""),
        "variable job");
    assertBroken(
        d -> ((ObjectNode) d.get("templating").get("list").get(2)).put("refresh", 1), "refresh 2");
    assertBroken(
        d -> ((ObjectNode) panel(d, 0).get("datasource")).put("uid", "prometheus"),
        "not on the datasource variable");
    assertBroken(d -> codePanelLinks(d).removeAll(), "without a link to its explanation page");
    assertBroken(
        d -> ((ObjectNode) codePanelLinks(d).get(0)).put("url", "http://example.com/x"),
        "neither an explanation page");
    assertBroken(
        d -> ((ObjectNode) topCodes(d).get("targets").get(0)).put("legendFormat", "{{reason}}"),
        "legend uses {{reason}}");
  }

  private static void assertBroken(Consumer<ObjectNode> breakIt, String complaint) {
    ObjectNode d = Dashboards.provisioned("overview.json");
    assertThat(DashboardLint.check(d, UIDS)).isEmpty();
    breakIt.accept(d);
    assertThat(DashboardLint.check(d, UIDS)).anyMatch(p -> p.contains(complaint));
  }

  private static ObjectNode panel(ObjectNode d, int i) {
    return (ObjectNode) d.get("panels").get(i);
  }

  private static ObjectNode unit(ObjectNode d) {
    return (ObjectNode) panel(d, 0).get("fieldConfig").get("defaults");
  }

  private static ObjectNode target(ObjectNode d) {
    return (ObjectNode) panel(d, 0).get("targets").get(0);
  }

  private static String expr(ObjectNode d) {
    return target(d).get("expr").asText();
  }

  private static ObjectNode topCodes(ObjectNode d) {
    for (JsonNode p : d.get("panels")) {
      if (p.get("title").asText().equals("Top reply codes")) {
        return (ObjectNode) p;
      }
    }
    throw new AssertionError("no panel Top reply codes");
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode codePanelLinks(ObjectNode d) {
    return (com.fasterxml.jackson.databind.node.ArrayNode)
        topCodes(d).get("fieldConfig").get("defaults").get("links");
  }
}
