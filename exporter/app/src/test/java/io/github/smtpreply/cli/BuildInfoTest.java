package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.metrics.SmtpReplyMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11 §0: smtp_reply_build_info carries the version the jar was built as. */
class BuildInfoTest {
  @Test
  void registryExposesBuildInfoWithTheProjectVersion() {
    String text = ServeCommand.registry(new SmtpReplyMetrics(List.of(), true, 2000)).scrape();
    assertThat(text)
        .contains("# HELP smtp_reply_build_info The smtp-reply exporter's version")
        .contains(
            "smtp_reply_build_info{java_version=\""
                + System.getProperty("java.version")
                + "\",version=\""
                + System.getProperty("smtp-reply.version")
                + "\"} 1")
        .doesNotContain("smtp_replies_total{");
  }
}
