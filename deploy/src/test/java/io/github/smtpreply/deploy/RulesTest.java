package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The rule files: promtool accepts them and their unit tests pass; every alert is unit-tested, has
 * a severity, summary, description and runbook_url, and recording rules are named
 * level:metric:operations.
 */
class RulesTest {
  static final Path PROMETHEUS = Tools.REPO.resolve("deploy/prometheus");
  static final Path RULES = PROMETHEUS.resolve("rules/smtp-reply.rules.yml");
  static final Path TESTS = PROMETHEUS.resolve("tests/smtp-reply.rules.test.yml");

  @Test
  void promtoolChecksTheRules() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result r =
        Tools.run(PROMETHEUS, List.of(promtool.toString(), "check", "rules", RULES.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 17 rules found");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result r =
        Tools.run(
            PROMETHEUS.resolve("tests"),
            List.of(promtool.toString(), "test", "rules", TESTS.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void promtoolChecksBothPrometheusConfigs() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    for (String config : List.of("prometheus.yml", "prometheus-compose.yml")) {
      Tools.Result r =
          Tools.run(PROMETHEUS, List.of(promtool.toString(), "check", "config", config));
      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output()).contains("SUCCESS: 1 rule files found");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertIsTestedAndAnnotated() throws IOException {
    Set<String> alerts = new HashSet<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) load(RULES).get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("record")) {
          assertThat((String) rule.get("record")).matches("[a-z_]+:[a-z_]+:[a-z0-9_]+");
          continue;
        }
        String alert = (String) rule.get("alert");
        alerts.add(alert);
        assertThat(alert).matches("Smtp[A-Z][A-Za-z]+");
        assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
        Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
        assertThat(annotations).containsKeys("summary", "description", "runbook_url");
        assertThat((String) annotations.get("runbook_url"))
            .startsWith(
                "{{ with $externalLabels.explain_url }}{{ . }}{{ else }}http://localhost:9465{{ end }}/codes");
      }
    }
    assertThat(alerts).hasSize(8);
    Set<String> fired = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (Map<String, Object> test : (List<Map<String, Object>>) load(TESTS).get("tests")) {
      for (Map<String, Object> t :
          (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
        List<?> expected = (List<?>) t.get("exp_alerts");
        (expected.isEmpty() ? quiet : fired).add((String) t.get("alertname"));
      }
    }
    assertThat(fired).as("alerts tested firing").isEqualTo(alerts);
    assertThat(quiet).as("alerts tested quiet").isEqualTo(alerts);
  }

  @Test
  void runbookBaseIsTheDashboardsDefault() throws IOException {
    assertThat(Files.readString(RULES)).contains("{{ else }}http://localhost:9465{{ end }}");
    assertThat(Files.readString(Tools.REPO.resolve("dashboards/grafana/smtp-reply-overview.json")))
        .contains("\"query\": \"http://localhost:9465\"");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return (Map<String, Object>) new Yaml().load(in);
    }
  }
}
