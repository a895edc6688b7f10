package io.github.smtpreply.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check metrics} on the real /metrics output. promtool comes from Debian's
 * prometheus package; .ci/run installs it and this test requires it when CI=true. Elsewhere it runs
 * where promtool is on the PATH.
 */
class PromtoolCheckTest {

  private static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "promtool");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  @Test
  void metricsOutputPassesPromtool() throws Exception {
    String promtool = promtool();
    if (System.getenv("CI") != null) {
      assertThat(promtool).as("promtool must be installed in CI (.ci/run installs it)").isNotNull();
    }
    assumeTrue(promtool != null, "promtool is not installed here (Debian package prometheus)");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true);
    metrics.bindTo(registry);
    for (String reply :
        List.of(
            "550 5.1.1 User unknown",
            "250 2.0.0 ok",
            "421-4.7.28 rate",
            "connect to x[192.0.2.1]:25: Connection timed out",
            "hello")) {
      metrics.record(Classifier.standard().classifyText(reply), "postfix", "smtp");
    }
    try (ExporterServer server =
        ExporterServer.start(
            new InetSocketAddress("127.0.0.1", 0), registry, () -> true, WebConfig.none())) {
      // promtool lints the Prometheus text format (it does not read OpenMetrics input).
      for (String accept : List.of("text/plain", "*/*")) {
        String body =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .header("Accept", accept)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Process p =
            new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(accept + ": " + out).isZero();
        assertThat(out).as(accept).isBlank();
      }
    }
  }
}
