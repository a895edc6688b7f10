package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.logs.PostfixLogParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter as a separate JVM, killed with {@code kill -9} at random points while lines are
 * appended, and rotated (rename, copytruncate) while it is down: after the last restart, {@code
 * /metrics} shows every line counted exactly once, and no counter ever went down across a restart.
 */
class CrashRestartTest {
  private static final Pattern BANNER = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final List<String> demo = demoLines();
  private int next;
  private static final Pattern QUEUE_ID = Pattern.compile("4F1A2B3C[0-9A-F]+");
  private long linesWritten;
  private long eventsWritten;

  @Test
  void killedAtRandomPointsAndRotatedWhileDownCountsEveryLineOnce() throws Exception {
    Path log = dir.resolve("mail.log");
    Path state = dir.resolve("state");
    Files.createFile(log);
    // -Dcrash.seed=N (in surefire's argLine) replays the run a failure names.
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Exporter exporter = Exporter.start(log, state, dir.resolve("err-0.txt"));
    double lastSeen = 0;
    for (int round = 1; round <= 5; round++) {
      // Append in small chunks while the exporter reads, and kill it somewhere in between.
      int chunks = 2 + random.nextInt(6);
      int killAfter = random.nextInt(chunks);
      for (int c = 0; c < chunks; c++) {
        append(log, 1 + random.nextInt(40));
        Thread.sleep(random.nextInt(400));
        lastSeen = Math.max(lastSeen, exporter.scrape("smtp_log_lines_total"));
        if (c == killAfter) {
          break;
        }
      }
      exporter.kill();
      append(log, random.nextInt(30)); // written while down
      switch (round) {
        case 2 -> { // rename-and-create rotation while down
          Files.move(log, dir.resolve("mail.log.1"), StandardCopyOption.REPLACE_EXISTING);
          append(log, 1 + random.nextInt(30));
        }
        case 4 -> { // copytruncate while down, the new content longer than the old offset
          Files.copy(log, dir.resolve("mail.log.1"), StandardCopyOption.REPLACE_EXISTING);
          Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
          append(log, 200 + random.nextInt(100));
        }
        default -> {}
      }
      exporter = Exporter.start(log, state, dir.resolve("err-" + round + ".txt"));
      // The restored counters never fall below what a scrape saw before the kill.
      assertThat(exporter.scrape("smtp_log_lines_total"))
          .as("seed %d round %d", seed, round)
          .isGreaterThanOrEqualTo(lastSeen);
    }
    append(log, 10);
    try {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (exporter.scrape("smtp_log_lines_total") < linesWritten
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      while (!checkpointAtEndOf(state, log) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(600); // two more polls: anything read twice would show now
      assertThat(exporter.scrape("smtp_log_lines_total"))
          .as("seed %d", seed)
          .isEqualTo(linesWritten);
      assertThat(exporter.scrape("smtp_replies_total"))
          .as("seed %d", seed)
          .isEqualTo(eventsWritten);
      assertThat(exporter.scrape("smtp_log_events_total")).isEqualTo(eventsWritten);
    } finally {
      exporter.kill();
    }
  }

  private void append(Path log, int lines) throws IOException {
    StringBuilder text = new StringBuilder();
    PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);
    for (int i = 0; i < lines; i++) {
      // Each line with its own queue id, as in a real log. The demo's lines repeat every few
      // lines: copytruncate'd at a multiple of that cycle, the new file would be the old one byte
      // for byte, and no fingerprint can tell two identical files apart.
      String line =
          QUEUE_ID.matcher(demo.get(next % demo.size())).replaceFirst(String.format("%010X", next));
      next++;
      text.append(line).append('\n');
      linesWritten++;
      if (parser.read(line).event() != null) {
        eventsWritten++;
      }
    }
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static boolean checkpointAtEndOf(Path state, Path log) throws IOException {
    try (var files = Files.list(state)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".pos")).toList()) {
        var saved = Checkpoint.read(p);
        if (saved.isPresent() && saved.get().position().offset() == Files.size(log)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> demoLines() {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                CrashRestartTest.class.getResourceAsStream("/fixtures/logs/sample-mail.log"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  /** {@code smtp-reply serve} in its own JVM, on the test classpath. */
  private static final class Exporter {
    private static final HttpClient HTTP =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final int port;

    private Exporter(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Exporter start(Path log, Path state, Path err) throws Exception {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.github.smtpreply.cli.SmtpReplyCli",
                  "serve",
                  "--postfix-log",
                  log.toString(),
                  "--checkpoint-dir",
                  state.toString(),
                  "--bind",
                  "127.0.0.1",
                  "--port",
                  "0")
              .redirectError(err.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (System.nanoTime() < deadline && p.isAlive()) {
        Matcher m = BANNER.matcher(Files.readString(err));
        if (m.find()) {
          return new Exporter(p, Integer.parseInt(m.group(1)));
        }
        Thread.sleep(50);
      }
      p.destroyForcibly().waitFor();
      throw new AssertionError("the exporter did not start: " + Files.readString(err));
    }

    /** The sum of a metric's series. */
    double scrape(String metric) throws IOException, InterruptedException {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double sum = 0;
      for (String line : body.split("\n")) {
        if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }
  }
}
