package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runnable jar as a user runs it: java -jar exporter/app/target/smtp-reply-exporter.jar … */
class RunnableJarIT {
  private static final Path JAR = Path.of("target", "smtp-reply-exporter.jar");

  private static Process start(String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(false).start();
  }

  @Test
  void classifiesFromStdin() throws Exception {
    Process p = start("classify");
    p.getOutputStream().write("550 5.1.1 User unknown\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out)
        .isEqualTo(
            "code\tenhanced\tclass\treason\tstage\n550\t5.1.1\tpermanent\tuser_unknown\tunknown\n");
  }

  @Test
  void readsBouncesWithTheMimeAndJsonLibrariesBundled() throws Exception {
    String dir = Path.of("target", "test-classes", "fixtures", "bounces").toString();
    Process p =
        start(
            "dsn",
            Path.of(dir, "lhost-postfix-02.eml").toString(),
            Path.of(dir, "lhost-amazonses-10.eml").toString());
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out.split("\n"))
        .hasSize(4)
        .anyMatch(
            l ->
                l.endsWith(
                    "\tfiltered@example.co.jp\tfailed\t5.2.1\t550\t5.2.1\tpermanent\tuser_unknown"))
        .anyMatch(
            l ->
                l.endsWith(
                    "\tbounce@simulator.amazonses.com\tfailed\t5.1.1\t550\t5.1.1\tpermanent\tuser_unknown"));
  }

  private static String output(Process p) throws Exception {
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void printsTheVersionItWasBuiltAs() throws Exception {
    assertThat(output(start("--version")))
        .isEqualTo("smtp-reply " + System.getProperty("smtp-reply.version") + "\n");
  }

  /** Issue 9 §6: serve --help answered "unknown option '--help'" with exit 2. */
  @Test
  void serveHelpPrintsItsUsage() throws Exception {
    assertThat(output(start("serve", "--help")))
        .startsWith("Usage:\n  smtp-reply serve ")
        .contains("Exit codes: 0 done");
  }

  @Test
  void servesTheDemoSoCountersRiseAndPagesOpen() throws Exception {
    Process p =
        start(
            "serve",
            "--demo",
            "--demo-seed",
            "7",
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--checkpoint-dir",
            "target/it-checkpoints");
    try {
      String port = port(p);
      String metrics = "";
      // Second 0 of the demo sends every row of its steady mix: all four sources at once.
      for (int i = 0; i < 50 && !metrics.contains("source=\"dsn\""); i++) {
        Thread.sleep(200);
        metrics = get(port, "/metrics").body();
      }
      assertThat(metrics)
          .contains(
              "smtp_replies_total{",
              "source=\"postfix\"",
              "source=\"exim\"",
              "source=\"camel\"",
              "route=\"order_confirmations\"",
              "smtp_reply_build_info{");
      HttpResponse<String> page = get(port, "/codes/550");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<h1", "550");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  /**
   * Issue 12 §1: Sendmail and OpenSMTPD logs are followed by serve, not only read by {@code log}:
   * each log's replies are counted under its own source, as many as {@code log} finds events.
   */
  @Test
  void followsSendmailAndOpenSmtpdLogsUnderTheirOwnSource() throws Exception {
    String dir = Path.of("target", "test-classes", "fixtures", "logs").toString();
    String sendmail = Path.of(dir, "sendmail.log").toString();
    String opensmtpd = Path.of(dir, "opensmtpd.log").toString();
    long sendmailEvents =
        output(start("log", "--format", "sendmail", sendmail)).lines().count() - 1;
    long opensmtpdEvents =
        output(start("log", "--format", "opensmtpd", opensmtpd)).lines().count() - 1;
    assertThat(sendmailEvents).isPositive();
    assertThat(opensmtpdEvents).isPositive();
    Process p =
        start(
            "serve",
            "--sendmail-log",
            sendmail,
            "--opensmtpd-log",
            opensmtpd,
            "--from-beginning",
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--checkpoint-dir",
            Path.of("target", "it-checkpoints-" + System.nanoTime()).toString());
    try {
      String port = port(p);
      String metrics = "";
      for (int i = 0; i < 100; i++) {
        metrics = get(port, "/metrics").body();
        if (replies(metrics, "sendmail") == sendmailEvents
            && replies(metrics, "opensmtpd") == opensmtpdEvents) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(replies(metrics, "sendmail")).as(metrics).isEqualTo(sendmailEvents);
      assertThat(replies(metrics, "opensmtpd")).as(metrics).isEqualTo(opensmtpdEvents);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  /** The sum of smtp_replies_total over the series of one source. */
  private static long replies(String metrics, String source) {
    return Math.round(
        metrics
            .lines()
            .filter(l -> l.startsWith("smtp_replies_total{"))
            .filter(l -> l.contains("source=\"" + source + "\""))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum());
  }

  /** Issue 11 §0: without input and without --demo, the pages and an empty metric set. */
  @Test
  void servesPagesAndNoTrafficWithoutInput() throws Exception {
    Process p =
        start(
            "serve",
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--checkpoint-dir",
            "target/it-checkpoints");
    try {
      String port = port(p);
      assertThat(get(port, "/codes/550").statusCode()).isEqualTo(200);
      String metrics = get(port, "/metrics").body();
      assertThat(metrics)
          .contains("smtp_replies_series 0.0", "smtp_code_info{", "smtp_reply_build_info{")
          .doesNotContain("smtp_replies_total{", "smtp_log_lines_total{");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  private static String port(Process p) throws java.io.IOException {
    String banner =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))
            .readLine();
    return banner.replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+)/.*", "$1");
  }

  private static HttpResponse<String> get(String port, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
