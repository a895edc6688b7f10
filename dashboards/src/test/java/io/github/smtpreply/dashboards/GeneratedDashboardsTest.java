package io.github.smtpreply.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed dashboards are exactly what the generator writes. After changing a panel spec or
 * the catalog, regenerate them with
 *
 * <pre>./mvnw -q -o -pl dashboards -am test -Dtest=GeneratedDashboardsTest
 *     -Dsurefire.failIfNoSpecifiedTests=false -Ddashboards.regenerate=true</pre>
 */
class GeneratedDashboardsTest {
  static final Path MODULE = Path.of(System.getProperty("dashboards.dir", "."));

  @Test
  void committedDashboardsAreUpToDate() throws IOException {
    boolean regenerate = Boolean.getBoolean("dashboards.regenerate");
    for (String spec : Dashboards.SPECS) {
      for (boolean importable : new boolean[] {false, true}) {
        ObjectNode d = importable ? Dashboards.importable(spec) : Dashboards.provisioned(spec);
        Path file = MODULE.resolve(Dashboards.path(d, importable));
        String expected = Dashboards.print(d);
        if (regenerate) {
          Files.createDirectories(file.getParent());
          Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(file).as("committed %s (regenerate: see this test's javadoc)", file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
            .as("%s is out of date: regenerate it (see GeneratedDashboardsTest's javadoc)", file)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void everyCommittedDashboardHasASpec() throws IOException {
    for (String dir : new String[] {"grafana", "import"}) {
      try (var files = Files.list(MODULE.resolve(dir))) {
        assertThat(files.filter(f -> f.toString().endsWith(".json")).count())
            .as(dir)
            .isEqualTo(Dashboards.SPECS.size());
      }
    }
  }
}
