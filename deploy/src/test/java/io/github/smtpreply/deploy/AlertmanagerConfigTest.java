package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** amtool accepts the example Alertmanager configuration, templates included. */
class AlertmanagerConfigTest {
  @Test
  void amtoolChecksTheConfig() throws Exception {
    Path amtool = Tools.require("amtool", "prometheus-alertmanager");
    Path dir = Tools.REPO.resolve("deploy/alertmanager");
    Tools.Result r = Tools.run(dir, List.of(amtool.toString(), "check-config", "alertmanager.yml"));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS").contains("2 inhibit rules").contains("2 receivers");
  }
}
