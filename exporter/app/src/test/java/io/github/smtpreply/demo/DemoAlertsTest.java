package io.github.smtpreply.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §0: the demo makes the alerts of deploy/prometheus/rules fire. Plays 70 minutes of demo
 * time into two exporters (default series limit, and --max-series 64 as the compose demo's second
 * exporter), samples their /metrics text every minute, and lets the real rule engine ({@code
 * promtool test rules}) evaluate the real rule file over those samples: which alerts fire when.
 */
class DemoAlertsTest {
  private static final Path RULES = Path.of("../../deploy/prometheus/rules/smtp-reply.rules.yml");
  private static final Set SAMPLED =
      new Set(
          "smtp_replies_total",
          "smtp_log_lines_total",
          "smtp_replies_overflowed_total",
          "smtp_replies_series",
          "smtp_replies_series_limit");
  private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(?:\\{([^}]*)})? (\\S+)");
  private static final int MINUTES = 70;

  /** The metric names the rules read. */
  private record Set(String... names) {
    boolean has(String name) {
      return List.of(names).contains(name);
    }
  }

  @Test
  void everyTrafficAlertFiresInOneCycleAndOnlyThen() throws Exception {
    String promtool = promtool();
    if (System.getenv("CI") != null) {
      assertThat(promtool).as("promtool must be installed in CI (.ci/run installs it)").isNotNull();
    }
    assumeTrue(promtool != null, "promtool is not installed here (Debian package prometheus)");
    Map<String, List<String>> series = new LinkedHashMap<>();
    sample("demo-a:9465", 2000, series);
    sample("demo-b:9465", 64, series);

    StringBuilder test = new StringBuilder();
    test.append("rule_files:\n  - ")
        .append(RULES.toAbsolutePath().normalize())
        .append("\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
    for (Map.Entry<String, List<String>> e : series.entrySet()) {
      test.append("      - series: '").append(e.getKey()).append("'\n");
      test.append("        values: '").append(String.join(" ", e.getValue())).append("'\n");
    }
    for (String instance : List.of("demo-a:9465", "demo-b:9465")) {
      test.append("      - series: 'up{job=\"smtp-reply\", instance=\"")
          .append(instance)
          .append("\"}'\n        values: '1x")
          .append(MINUTES)
          .append("'\n");
    }
    test.append("    promql_expr_test:\n");
    // Minute 4: calm, nothing fires. Minute 26: every incident of the first half at once.
    // Minute 31: the incidents are over, the permanent ratio is back under 5%.
    // Minute 53: the flow has stopped for 21 minutes. Minute 66: flowing again.
    expect(test, 4, List.of());
    expect(
        test,
        26,
        List.of(
            "SmtpLogLinesNotUnderstood/warning/demo-a:9465",
            "SmtpLogLinesNotUnderstood/warning/demo-b:9465",
            "SmtpPermanentFailureRatioHigh/critical/",
            "SmtpPermanentFailureRatioHigh/warning/",
            "SmtpReplyCodeSpiking/warning/",
            "SmtpTransientFailureRatioHigh/warning/"));
    // The small exporter folds the incidents' new label combinations into overflow series.
    expect(
        test, 31, "SmtpRepliesOverflowing", List.of("SmtpRepliesOverflowing/warning/demo-b:9465"));
    expect(
        test,
        53,
        List.of("SmtpRepliesStopped/warning/", "SmtpReplySeriesNearLimit/warning/demo-b:9465"));
    expect(test, 66, List.of("SmtpReplySeriesNearLimit/warning/demo-b:9465"));
    Path dir = Files.createDirectories(Path.of("target", "demo-alerts"));
    Path file = dir.resolve("demo-alerts.test.yml");
    Files.writeString(file, test, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(promtool, "test", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("SUCCESS");
  }

  /** Which alerts fire at a minute, as alertname/severity/instance (instance only if labelled). */
  private static void expect(StringBuilder test, int minute, List<String> firing) {
    expect(test, minute, ".+", firing);
  }

  private static void expect(StringBuilder test, int minute, String alerts, List<String> firing) {
    test.append(
            "      - expr: 'max by (alertname, severity, instance) (ALERTS{alertstate=\"firing\",")
        .append(" alertname=~\"")
        .append(alerts)
        .append("\"})'\n")
        .append("        eval_time: ")
        .append(minute)
        .append("m\n        exp_samples:");
    if (firing.isEmpty()) {
      test.append(" []\n");
      return;
    }
    test.append('\n');
    for (String alert : firing) {
      String[] p = alert.split("/", -1);
      test.append("          - labels: '{alertname=\"")
          .append(p[0])
          .append("\", severity=\"")
          .append(p[1])
          .append('"')
          .append(p[2].isEmpty() ? "" : ", instance=\"" + p[2] + "\"")
          .append("}'\n            value: 1\n");
    }
  }

  /** Plays MINUTES of demo time into one exporter; appends one sample a minute per series. */
  private static void sample(String instance, int maxSeries, Map<String, List<String>> series) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true, maxSeries);
    metrics.bindTo(registry);
    Demo demo = new Demo(DemoTraffic.standard(), 1, metrics, registry);
    for (int minute = 0; minute <= MINUTES; minute++) {
      for (String line : registry.scrape().lines().toList()) {
        var m = SAMPLE.matcher(line);
        if (m.matches() && SAMPLED.has(m.group(1))) {
          String key =
              m.group(1)
                  + "{job=\"smtp-reply\", instance=\""
                  + instance
                  + "\""
                  + (m.group(2) == null || m.group(2).isEmpty() ? "" : ", " + m.group(2))
                  + "}";
          List<String> values = series.computeIfAbsent(key, k -> missing(k, series));
          while (values.size() < minute) {
            values.add("_");
          }
          values.add(m.group(3));
        }
      }
      for (long s = minute * 60L; s < (minute + 1) * 60L; s++) {
        demo.play(s);
      }
    }
  }

  private static List<String> missing(String key, Map<String, List<String>> series) {
    return new ArrayList<>();
  }

  private static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "promtool");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }
}
