package io.github.smtpreply.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.reply.ReplyClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The names on the committed dashboards are the catalog's: value mappings of codes and statuses,
 * class display names, the codes offered for comparison. A code renamed or removed in the catalog
 * fails here (and in {@link GeneratedDashboardsTest}) until the dashboards are regenerated.
 */
class CatalogNamesTest {
  private static final Catalog CATALOG = Catalog.standard();

  @Test
  void valueMappingsNameEveryCatalogCodeAsTheCatalogDoes() throws IOException {
    JsonNode overview = read("grafana/smtp-reply-overview.json");
    Map<String, String> mapped = new HashMap<>();
    overview.findValues("options").stream()
        .filter(o -> o.isObject() && o.has("550"))
        .forEach(
            o ->
                o.properties()
                    .forEach(e -> mapped.put(e.getKey(), e.getValue().get("text").asText())));
    overview.findValues("options").stream()
        .filter(o -> o.isObject() && o.has("5.1.1"))
        .forEach(
            o ->
                o.properties()
                    .forEach(e -> mapped.put(e.getKey(), e.getValue().get("text").asText())));
    int codes = 0;
    for (CodeEntry entry : CATALOG.entries()) {
      if (entry instanceof io.github.smtpreply.catalog.BasicCodeEntry) {
        assertThat(mapped).containsEntry(entry.id(), entry.id() + " " + entry.title());
        codes++;
      }
    }
    // The enhanced values are exactly those the metric counts and the pages explain.
    for (var e : CATALOG.statusEntries().entrySet()) {
      assertThat(mapped).containsEntry(e.getKey(), e.getKey() + " " + e.getValue().title());
      codes++;
    }
    assertThat(mapped).hasSize(codes);
    for (String value : mapped.keySet()) {
      assertThat(CATALOG.find(value)).as(value).isPresent();
    }
  }

  @Test
  void classesShowTheCatalogsClassNames() throws IOException {
    JsonNode overview = read("grafana/smtp-reply-overview.json");
    Map<String, String> shown = new HashMap<>();
    for (JsonNode o : overview.findValues("overrides")) {
      for (JsonNode override : o) {
        for (JsonNode property : override.get("properties")) {
          if (property.get("id").asText().equals("displayName")) {
            shown.put(
                override.get("matcher").get("options").asText(), property.get("value").asText());
          }
        }
      }
    }
    assertThat(shown).hasSize(4);
    for (ReplyClass c : CatalogNames.countedClasses()) {
      assertThat(shown)
          .containsEntry(c.label(), c.label() + " (" + CATALOG.className(Language.EN, c) + ")");
    }
  }

  @Test
  void comparisonChoicesAreCatalogCodes() throws IOException {
    JsonNode code = read("grafana/smtp-reply-code.json");
    JsonNode compareWith = null;
    for (JsonNode v : code.get("templating").get("list")) {
      if (v.get("name").asText().equals("compare_with")) {
        compareWith = v;
      }
    }
    assertThat(compareWith).isNotNull();
    for (JsonNode option : compareWith.get("options")) {
      assertThat(CATALOG.find(option.get("value").asText())).isPresent();
    }
    assertThat(compareWith.get("options").size()).isGreaterThan(40);
  }

  private static JsonNode read(String path) throws IOException {
    return Dashboards.JSON.readTree(
        Path.of(GeneratedDashboardsTest.MODULE.toString(), path).toFile());
  }
}
