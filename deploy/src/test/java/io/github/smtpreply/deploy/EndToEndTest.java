package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smtpreply.dashboards.MetricContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * End to end with the real things: the exporter's runnable jar generating its demo traffic, a real
 * Prometheus on loopback scraping it every second with the project's rules loaded, and then every
 * dashboard query and variable query with Grafana's variables substituted, every label that a
 * legend or link uses, every link target fetched from the exporter, and promtool's checks of the
 * metrics and the config. Both processes are stopped by their own handles.
 */
class EndToEndTest {
  /** The runnable jar, relative to the repository root (packaged before this module's tests). */
  static final String JAR = "exporter/app/target/smtp-reply-exporter.jar";

  /** Label values that have no explanation page: a link on them leads to "not found". */
  static final Map<String, String> NO_PAGE =
      Map.of(
          "none", "no reply came (code none) or no enhanced status: DESIGN.md has no page for it",
          "other", "a code beyond the catalog: nothing to explain");

  /**
   * Dashboard queries allowed to return nothing with the demo traffic, with the reason. None today:
   * the demo has successes, transient and permanent failures, and the log-line counters.
   */
  static final Map<String, String> EMPTY_WITH_DEMO = Map.of();

  /** What Grafana would put in place of the variables ($code and $compare_with come later). */
  static final Map<String, String> VARIABLES =
      Map.of("__rate_interval", "1m", "job", ".+", "instance", ".+", "source", ".+", "route", ".+");

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_.]+)(?::[a-z]+)?\\}|\\$([A-Za-z_]+)");
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*\\}\\}");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*), *([a-z_]+)\\)");
  private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> report = new ArrayList<>();
  private int queries;
  private int variableQueries;
  private int seriesChecked;
  private final Map<String, String> pagesChecked = new LinkedHashMap<>();
  private final Set<String> noPageLinks = new LinkedHashSet<>();
  private final Set<String> grafanaLinks = new LinkedHashSet<>();

  /** The exporter's command line: the one place to change when serve's options change. */
  static List<String> exporterCommand(Path jar, int port, Path stateDir) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar",
        jar.toString(),
        "serve",
        "--demo",
        "--bind",
        "127.0.0.1",
        "--port",
        String.valueOf(port),
        "--checkpoint-dir",
        stateDir.toString());
  }

  @Test
  void dashboardsQueriesAndLinksWorkAgainstTheRealExporterAndPrometheus() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Path prometheus = Tools.require("prometheus", "prometheus");
    Path jar = Tools.REPO.resolve(JAR);
    assertThat(jar)
        .as(
            "the exporter jar; build it with ./mvnw -B -ntp -pl exporter/app -am package -DskipTests")
        .exists();
    Path work = Files.createTempDirectory("smtp-reply-e2e");
    int exporterPort = freePort();
    int prometheusPort = freePort();
    String exporterUrl = "http://127.0.0.1:" + exporterPort;
    String prometheusUrl = "http://127.0.0.1:" + prometheusPort;
    Process exporter = null;
    Process prom = null;
    long started = System.nanoTime();
    try {
      Files.createDirectories(work.resolve("state"));
      exporter =
          new ProcessBuilder(exporterCommand(jar, exporterPort, work.resolve("state")))
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("exporter.log").toFile())
              .start();
      awaitOk(exporterUrl + "/-/ready", exporter, work.resolve("exporter.log"));

      Path config = work.resolve("prometheus.yml");
      Files.writeString(config, prometheusConfig(exporterPort));
      Tools.Result checkConfig =
          Tools.run(work, List.of(promtool.toString(), "check", "config", config.toString()));
      assertThat(checkConfig.exit()).as(checkConfig.output()).isZero();
      prom =
          new ProcessBuilder(
                  prometheus.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + work.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + prometheusPort)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("prometheus.log").toFile())
              .start();
      awaitOk(prometheusUrl + "/-/ready", prom, work.resolve("prometheus.log"));

      String metrics = get(exporterUrl + "/metrics").body();
      Tools.Result checkMetrics =
          Tools.run(work, List.of(promtool.toString(), "check", "metrics"), metrics);
      assertThat(checkMetrics.exit()).as(checkMetrics.output()).isZero();
      assertThat(checkMetrics.output()).as("promtool check metrics findings").isBlank();

      checkMetricContract(metrics);
      awaitEveryDemoSeries(exporterUrl, prometheusUrl);
      for (Path dashboard : dashboards()) {
        checkDashboard(JSON.readTree(dashboard.toFile()), prometheusUrl, exporterUrl);
      }
      checkRulesEvaluate(prometheusUrl);
      report.add(
          String.format(
              "e2e: %d dashboard queries and %d variable queries passed, %d series checked for"
                  + " their legend and link labels, %d link targets fetched, %d links on %s skipped"
                  + " (no page), %d Grafana links checked, in %d s",
              queries,
              variableQueries,
              seriesChecked,
              pagesChecked.size(),
              noPageLinks.size(),
              NO_PAGE.keySet(),
              grafanaLinks.size(),
              Duration.ofNanos(System.nanoTime() - started).toSeconds()));
      report.addAll(
          pagesChecked.keySet().stream()
              .map(u -> "  page " + u + " -> " + pagesChecked.get(u))
              .toList());
      noPageLinks.forEach(u -> report.add("  no page (expected): " + u));
      Files.write(Path.of("target", "e2e-report.txt"), report);
      assertThat(queries).isGreaterThanOrEqualTo(20);
      assertThat(pagesChecked).hasSizeGreaterThanOrEqualTo(10);
    } finally {
      stop(prom);
      stop(exporter);
      deleteTree(work);
    }
  }

  /**
   * The exporter writes exactly the labels the dashboards are built on (MetricContract): a label
   * renamed in the binder fails here, not on a panel.
   */
  private void checkMetricContract(String metrics) {
    for (Map.Entry<String, List<String>> metric : MetricContract.LABELS.entrySet()) {
      Set<String> labels = new LinkedHashSet<>();
      metrics
          .lines()
          .filter(l -> l.startsWith(metric.getKey() + "{"))
          .forEach(l -> labels.addAll(labelNames(l)));
      assertThat(labels).as("labels of %s in /metrics", metric.getKey()).isNotEmpty();
      if (metric.getKey().equals(MetricContract.REPLIES)) {
        assertThat(labels).containsExactlyInAnyOrderElementsOf(metric.getValue());
      } else {
        assertThat(labels).containsAll(metric.getValue());
      }
    }
    report.add(
        "e2e: /metrics has the labels of MetricContract for " + MetricContract.LABELS.keySet());
  }

  private static List<String> labelNames(String sample) {
    String body = sample.substring(sample.indexOf('{') + 1, sample.lastIndexOf('}'));
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"").matcher(body);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String prometheusConfig(int exporterPort) {
    return "global:\n"
        + "  scrape_interval: 1s\n"
        + "  evaluation_interval: 1s\n"
        + "rule_files:\n"
        + "  - "
        + RulesTest.RULES
        + "\n"
        + "scrape_configs:\n"
        + "  - job_name: smtp-reply\n"
        + "    static_configs:\n"
        + "      - targets: ['127.0.0.1:"
        + exporterPort
        + "']\n";
  }

  /** Waits until Prometheus has at least three samples of every reply series the exporter has. */
  private void awaitEveryDemoSeries(String exporterUrl, String prometheusUrl) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    // Second 0 of the demo sends one event of every steady row: after 10 s every series of the
    // steady mix exists (the first incident starts at minute 5).
    Thread.sleep(10_000);
    while (true) {
      long exported =
          get(exporterUrl + "/metrics")
              .body()
              .lines()
              .filter(l -> l.startsWith("smtp_replies_total{"))
              .count();
      JsonNode r = query(prometheusUrl, "count(count_over_time(smtp_replies_total[1m]) >= 3)");
      long scraped =
          r.size() == 0 ? 0 : (long) Double.parseDouble(r.get(0).get("value").get(1).asText());
      if (exported > 0 && scraped == exported) {
        report.add(
            "e2e: " + exported + " smtp_replies_total series from the demo, all in Prometheus");
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("Prometheus has " + scraped + " of the exporter's " + exported + " reply series");
      }
      Thread.sleep(500);
    }
  }

  private void checkDashboard(JsonNode d, String prometheusUrl, String exporterUrl)
      throws Exception {
    String uid = d.get("uid").asText();
    Map<String, String> variables = new LinkedHashMap<>(VARIABLES);
    variables.put("explain_url", exporterUrl);
    for (JsonNode v : d.get("templating").get("list")) {
      String name = v.get("name").asText();
      if (v.get("type").asText().equals("query")) {
        List<String> values = variableValues(prometheusUrl, v.get("query").asText(), variables);
        assertThat(values).as("%s: values of variable %s", uid, name).isNotEmpty();
        // The demo's steady mix comes from every kind of source, over several routes each.
        if (name.equals("source")) {
          assertThat(values).as("%s: sources", uid).contains("postfix", "exim", "camel", "dsn");
        } else if (name.equals("route")) {
          assertThat(values)
              .as("%s: routes", uid)
              .contains("smtp", "relay", "remote_smtp", "order_confirmations", "none");
        }
        variableQueries++;
        if (!v.path("includeAll").asBoolean()) {
          variables.put(name, values.contains("550") ? "550" : values.get(0));
        }
      } else if (v.get("type").asText().equals("custom")
          || v.get("type").asText().equals("textbox")) {
        variables.putIfAbsent(name, v.get("current").get("value").asText());
      }
    }
    for (JsonNode link : d.get("links")) {
      checkLink(uid, link.get("url").asText(), variables, Map.of());
    }
    for (JsonNode panel : d.get("panels")) {
      String where = uid + " panel '" + panel.get("title").asText() + "'";
      for (JsonNode target : panel.get("targets")) {
        String expr = substitute(target.get("expr").asText(), variables);
        boolean instant = target.path("instant").asBoolean();
        JsonNode result = instant ? query(prometheusUrl, expr) : queryRange(prometheusUrl, expr);
        queries++;
        if (EMPTY_WITH_DEMO.containsKey(where)) {
          continue;
        }
        assertThat(result.size()).as("%s returns data: %s", where, expr).isPositive();
        for (JsonNode series : result) {
          checkSeries(where, panel, target, series.get("metric"), variables);
        }
      }
    }
  }

  /** The series carries the labels of the legend and links; the links lead to the right page. */
  private void checkSeries(
      String where, JsonNode panel, JsonNode target, JsonNode metric, Map<String, String> variables)
      throws Exception {
    seriesChecked++;
    Map<String, String> labels = new LinkedHashMap<>();
    metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    Matcher legend = LEGEND_LABEL.matcher(target.get("legendFormat").asText());
    while (legend.find()) {
      String label = legend.group(1);
      boolean unnamedCode = label.equals("name") && NO_PAGE.containsKey(labels.get("code"));
      if (!unnamedCode) {
        assertThat(labels).as("%s: series for legend {{%s}}", where, label).containsKey(label);
      }
    }
    for (JsonNode link : panel.get("fieldConfig").get("defaults").get("links")) {
      checkLink(where, link.get("url").asText(), variables, labels);
    }
    for (JsonNode override : panel.get("fieldConfig").get("overrides")) {
      String column = override.get("matcher").get("options").asText();
      for (JsonNode property : override.get("properties")) {
        if (property.get("id").asText().equals("links")) {
          assertThat(labels).as("%s: column %s", where, column).containsKey(column);
          for (JsonNode link : property.get("value")) {
            String url = link.get("url").asText().replace("${__value.raw}", labels.get(column));
            checkLink(where, url, variables, labels);
          }
        }
      }
    }
  }

  private void checkLink(
      String where, String template, Map<String, String> variables, Map<String, String> labels)
      throws Exception {
    Map<String, String> values = new LinkedHashMap<>(variables);
    labels.forEach((k, v) -> values.put("__field.labels." + k, v));
    if (template.startsWith("/d/")) {
      grafanaLinks.add(template);
      String uid = template.substring(3, template.indexOf('/', 3));
      assertThat(dashboards())
          .as("%s: link to dashboard %s", where, uid)
          .anyMatch(p -> p.getFileName().toString().equals(uid + ".json"));
      return;
    }
    Matcher m = VARIABLE.matcher(template);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      assertThat(values).as("%s: link %s needs %s", where, template, name).containsKey(name);
    }
    String url = substitute(template, values);
    String path = url.substring(values.get("explain_url").length());
    String[] parts = path.split("/");
    if (Stream.of(parts).anyMatch(NO_PAGE::containsKey)) {
      noPageLinks.add(path);
      return;
    }
    if (pagesChecked.containsKey(path)) {
      return;
    }
    HttpResponse<String> page = get(url);
    assertThat(page.statusCode()).as("%s: %s", where, url).isEqualTo(200);
    Matcher title = TITLE.matcher(page.body());
    assertThat(title.find()).as("%s: %s has a title", where, url).isTrue();
    String text = title.group(1);
    if (path.equals("/codes")) {
      assertThat(text).isEqualTo("SMTP reply codes");
    } else if (parts[1].equals("codes")) {
      assertThat(text).as("%s: %s", where, url).startsWith("SMTP " + pageId(parts[2]) + " ");
    } else {
      assertThat(parts[1]).isEqualTo("compare");
      assertThat(text)
          .as("%s: %s", where, url)
          .startsWith("SMTP " + pageId(parts[2]) + " ")
          .contains(" vs " + pageId(parts[3]) + " ");
    }
    pagesChecked.put(path, text);
  }

  /** The id a page shows: {@code 550}, or {@code X.1.1} for the status {@code 5.1.1}. */
  private static String pageId(String code) {
    return code.contains(".") ? "X" + code.substring(1) : code;
  }

  private static String substitute(String text, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = values.get(name);
      if (value == null) {
        fail("no value for variable " + name + " in " + text);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  /** Grafana's label_values(selector, label) through Prometheus's label values API. */
  private List<String> variableValues(
      String prometheusUrl, String query, Map<String, String> variables) throws Exception {
    Matcher m = LABEL_VALUES.matcher(query);
    assertThat(m.matches()).as("variable query %s", query).isTrue();
    String url =
        prometheusUrl
            + "/api/v1/label/"
            + m.group(2)
            + "/values?match[]="
            + encode(substitute(m.group(1), variables));
    List<String> values = new ArrayList<>();
    api(url).forEach(v -> values.add(v.asText()));
    return values;
  }

  private JsonNode query(String prometheusUrl, String expr) throws Exception {
    return api(prometheusUrl + "/api/v1/query?query=" + encode(expr)).get("result");
  }

  private JsonNode queryRange(String prometheusUrl, String expr) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    return api(prometheusUrl
            + "/api/v1/query_range?query="
            + encode(expr)
            + "&start="
            + (now - 20)
            + "&end="
            + now
            + "&step=2")
        .get("result");
  }

  /** Every recording and alerting rule evaluates against the real series without error. */
  private void checkRulesEvaluate(String prometheusUrl) throws Exception {
    JsonNode groups = api(prometheusUrl + "/api/v1/rules").get("groups");
    int rules = 0;
    for (JsonNode group : groups) {
      for (JsonNode rule : group.get("rules")) {
        assertThat(rule.get("health").asText())
            .as("rule %s: %s", rule.get("name"), rule.path("lastError"))
            .isEqualTo("ok");
        rules++;
      }
    }
    assertThat(rules).isEqualTo(17);
    assertThat(query(prometheusUrl, "job_class:smtp_replies:ratio_rate5m").size()).isPositive();
    report.add("e2e: " + rules + " rules loaded in Prometheus, all evaluated with health ok");
  }

  private JsonNode api(String url) throws Exception {
    HttpResponse<String> r = get(url);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asText()).as("%s: %s", url, r.body()).isEqualTo("success");
    return body.get("data");
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Accept-Language", "en")
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void awaitOk(String url, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(url + ": the process ended: " + Files.readString(log));
      }
      try {
        if (get(url).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail(url + " not ready after 20 s: " + Files.readString(log));
  }

  static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(Tools.REPO.resolve("dashboards/grafana"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
