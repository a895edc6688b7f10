package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/generated is what {@link KubernetesManifests} writes from the committed rule
 * and dashboard files, and carries them unchanged. Regenerate with
 *
 * <pre>./mvnw -q -o -pl deploy -am test -Dtest=GeneratedManifestsTest
 *     -Dsurefire.failIfNoSpecifiedTests=false -Ddeploy.regenerate=true</pre>
 */
class GeneratedManifestsTest {
  static final Path OUT = Tools.REPO.resolve(KubernetesManifests.OUT);

  @Test
  void committedManifestsAreUpToDate() throws IOException {
    boolean regenerate = Boolean.getBoolean("deploy.regenerate");
    for (Map.Entry<String, String> file : KubernetesManifests.generate(Tools.REPO).entrySet()) {
      Path committed = OUT.resolve(file.getKey());
      if (regenerate) {
        Files.createDirectories(OUT);
        Files.writeString(committed, file.getValue(), StandardCharsets.UTF_8);
      }
      assertThat(committed).exists();
      assertThat(Files.readString(committed))
          .as("%s is out of date: regenerate it (see GeneratedManifestsTest's javadoc)", committed)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePrometheusRuleHoldsTheRuleFilesGroups() throws IOException {
    Map<String, Object> rule = RulesTest.load(OUT.resolve("prometheusrule.yaml"));
    assertThat(rule).containsEntry("apiVersion", "monitoring.coreos.com/v1");
    assertThat(rule).containsEntry("kind", "PrometheusRule");
    Map<String, Object> spec = (Map<String, Object>) rule.get("spec");
    assertThat(spec.get("groups")).isEqualTo(RulesTest.load(RulesTest.RULES).get("groups"));
  }

  @Test
  void promtoolChecksTheRulesInsideThePrometheusRule() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Map<String, Object> rule = RulesTest.load(OUT.resolve("prometheusrule.yaml"));
    Path groups = Files.createTempFile("prometheusrule-spec", ".yml");
    try {
      Files.writeString(groups, new Yaml().dump(rule.get("spec")));
      Tools.Result r =
          Tools.run(OUT, List.of(promtool.toString(), "check", "rules", groups.toString()));
      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output()).contains("SUCCESS: 17 rules found");
    } finally {
      Files.delete(groups);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theConfigMapHoldsTheProvisionedDashboardsForTheSidecar() throws IOException {
    Map<String, Object> map = RulesTest.load(OUT.resolve("grafana-dashboards.yaml"));
    Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
    assertThat((Map<String, Object>) metadata.get("labels"))
        .containsEntry("grafana_dashboard", "1");
    Map<String, Object> data = (Map<String, Object>) map.get("data");
    Path dashboards = Tools.REPO.resolve(KubernetesManifests.DASHBOARDS);
    assertThat(data).containsOnlyKeys("smtp-reply-code.json", "smtp-reply-overview.json");
    for (Map.Entry<String, Object> entry : data.entrySet()) {
      assertThat(entry.getValue()).isEqualTo(Files.readString(dashboards.resolve(entry.getKey())));
    }
    // A ConfigMap holds at most 1 MiB.
    assertThat(Files.size(OUT.resolve("grafana-dashboards.yaml"))).isLessThan(1 << 20);
  }
}
