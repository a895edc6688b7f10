package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/systemd/smtp-reply.service: systemd accepts it, its JVM flags are the Docker image's, and
 * the command it runs, following a log from its beginning at full speed, stays under 128 MB
 * resident (issue 12 §2).
 */
class SystemdUnitTest {
  private static final Path UNIT = DeployFilesTest.DEPLOY.resolve("systemd/smtp-reply.service");
  private static final long MAX_RESIDENT_KB = 128 * 1024;

  @TempDir Path dir;

  @Test
  void systemdAcceptsTheUnit() throws Exception {
    Path analyze = Tools.require("systemd-analyze", "systemd");
    Tools.Result result =
        Tools.run(Tools.REPO, List.of(analyze.toString(), "verify", UNIT.toString()));
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).isBlank();
  }

  @Test
  void runsTheJvmWithTheFlagsOfTheDockerImage() throws IOException {
    String dockerfile = Files.readString(DeployFilesTest.DEPLOY.resolve("docker/Dockerfile"));
    Matcher entry = Pattern.compile("ENTRYPOINT \\[\"java\", (.*), \"-jar\"").matcher(dockerfile);
    assertThat(entry.find()).isTrue();
    List<String> imageFlags =
        Arrays.stream(entry.group(1).split(", ")).map(f -> f.replace("\"", "")).toList();
    assertThat(jvmFlags(execStart())).isEqualTo(imageFlags);
  }

  @Test
  void followingALogAtFullSpeedStaysUnder128MbResident() throws Exception {
    int lines = 300_000;
    Path log = dir.resolve("mail.log");
    writeLog(log, lines);
    List<String> command = new ArrayList<>();
    for (String word : execStart()) {
      if (word.equals("/usr/bin/java")) {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      } else if (word.endsWith("smtp-reply-exporter.jar")) {
        command.add(Tools.REPO.resolve(EndToEndTest.JAR).toString());
      } else if (word.equals("/var/lib/smtp-reply")) {
        command.add(dir.resolve("state").toString());
      } else if (word.equals("$SMTP_REPLY_ARGS")) {
        // What an operator writes in /etc/default/smtp-reply; a later --port wins.
        command.addAll(
            List.of(
                "--postfix-log",
                log.toString(),
                "--from-beginning",
                "--port",
                "0",
                "--bind",
                "127.0.0.1"));
      } else {
        command.add(word);
      }
    }
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String banner =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))
              .readLine();
      String port = banner.replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+)/.*", "$1");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      long counted = 0;
      for (int i = 0; i < 600 && counted < lines; i++) {
        Thread.sleep(100);
        String metrics =
            client
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        counted =
            Math.round(
                metrics
                    .lines()
                    .filter(l -> l.startsWith("smtp_log_lines_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum());
      }
      assertThat(counted).isEqualTo(lines);
      assertThat(peakResidentKb(p.pid())).isLessThan(MAX_RESIDENT_KB);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  /** The words of ExecStart, as systemd splits them (no quoting is used in the unit). */
  private static List<String> execStart() throws IOException {
    return Files.readAllLines(UNIT).stream()
        .filter(l -> l.startsWith("ExecStart="))
        .map(l -> List.of(l.substring("ExecStart=".length()).trim().split("\\s+")))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> jvmFlags(List<String> execStart) {
    return execStart.subList(1, execStart.indexOf("-jar"));
  }

  /** The Postfix sample log's lines, cycled with a new queue id each. */
  private static void writeLog(Path log, int lines) throws IOException {
    List<String> sample =
        Files.readAllLines(
                Tools.REPO.resolve("exporter/app/src/test/resources/fixtures/logs/sample-mail.log"))
            .stream()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .toList();
    try (Writer w = Files.newBufferedWriter(log)) {
      for (int i = 0; i < lines; i++) {
        w.write(
            sample
                .get(i % sample.size())
                .replaceFirst("4F1A2B3C[0-9A-F]+", String.format("%010X", i)));
        w.write('\n');
      }
    }
  }

  private static long peakResidentKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmHWM for process " + pid);
  }
}
