package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container and cluster files without Docker or a cluster: every YAML
 * file parses, the compose file mounts folders that exist and fit the Grafana provisioning, the
 * kustomization lists files that exist and hold the five resources, the Dockerfile copies the jar
 * the exporter module builds.
 */
class DeployFilesTest {
  static final Path DEPLOY = Tools.REPO.resolve("deploy");

  @Test
  void everyYamlFileParses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      files =
          walk.filter(f -> f.toString().matches(".*\\.ya?ml"))
              .filter(f -> !f.startsWith(DEPLOY.resolve("target")))
              .toList();
    }
    try (Stream<Path> walk = Files.walk(Tools.REPO.resolve("dashboards/provisioning"))) {
      files =
          Stream.concat(files.stream(), walk.filter(f -> f.toString().endsWith(".yaml"))).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(15);
    for (Path file : files) {
      assertThat(RulesTest.load(file)).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeMountsWhatExistsAndProvisionsGrafana() throws IOException {
    Path compose = DEPLOY.resolve("compose");
    Map<String, Object> file = RulesTest.load(compose.resolve("docker-compose.yml"));
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) file.get("services");
    assertThat(services)
        .containsOnlyKeys("exporter", "exporter-small", "prometheus", "alertmanager", "grafana");
    // The second exporter's small limit makes the series alerts fire in the demo (issue 11 §0).
    assertThat((List<String>) services.get("exporter-small").get("command"))
        .containsSubsequence("serve", "--demo", "--max-series", "64");
    assertThat(Files.readString(DEPLOY.resolve("prometheus/prometheus-compose.yml")))
        .contains("'exporter:9465', 'exporter-small:9465'");
    Set<String> targets = new HashSet<>();
    for (Map<String, Object> service : services.values()) {
      for (String volume : (List<String>) service.getOrDefault("volumes", List.of())) {
        String[] parts = volume.split(":");
        assertThat(compose.resolve(parts[0]).normalize()).as(volume).exists();
        targets.add(parts[1]);
      }
    }
    Map<String, Object> provider =
        ((List<Map<String, Object>>)
                RulesTest.load(
                        Tools.REPO.resolve(
                            "dashboards/provisioning/grafana/dashboards/smtp-reply.yaml"))
                    .get("providers"))
            .get(0);
    assertThat(targets)
        .contains((String) ((Map<String, Object>) provider.get("options")).get("path"));
    assertThat((List<String>) services.get("prometheus").get("command"))
        .contains("--config.file=/etc/prometheus/prometheus-compose.yml");
    assertThat((List<String>) services.get("exporter").get("command")).contains("serve", "--demo");
    Map<String, Object> build = (Map<String, Object>) services.get("exporter").get("build");
    assertThat(
            compose
                .resolve((String) build.get("context"))
                .resolve((String) build.get("dockerfile")))
        .exists();
  }

  @Test
  @SuppressWarnings("unchecked")
  void kustomizationListsTheFiveResources() throws IOException {
    Path k8s = DEPLOY.resolve("kubernetes");
    Set<String> kinds = new HashSet<>();
    for (String resource :
        (List<String>) RulesTest.load(k8s.resolve("kustomization.yaml")).get("resources")) {
      kinds.add((String) RulesTest.load(k8s.resolve(resource)).get("kind"));
    }
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "Deployment", "Service", "ServiceMonitor", "PrometheusRule", "ConfigMap");
    Map<String, Object> service = RulesTest.load(k8s.resolve("service.yaml"));
    // The Service's name becomes the job label that SmtpReplyExporterDown matches.
    assertThat((Map<String, Object>) service.get("metadata")).containsEntry("name", "smtp-reply");
    assertThat(Files.readString(RulesTest.RULES)).contains("up{job=\"smtp-reply\"}");
  }

  @Test
  void dockerfileBuildsAndRunsTheExporterJar() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("docker/Dockerfile"));
    assertThat(dockerfile.lines().filter(l -> l.startsWith("FROM ")).count()).isEqualTo(2);
    assertThat(dockerfile)
        .contains("./mvnw -B -ntp -pl exporter/app -am package")
        .contains("COPY --from=build /src/" + EndToEndTest.JAR + " ")
        .contains("\"serve\", \"--port\", \"9465\"");
    assertThat(Files.readString(Tools.REPO.resolve("exporter/app/pom.xml")))
        .contains("<finalName>smtp-reply-exporter</finalName>");
  }
}
