package io.github.smtpreply.bounce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Messages read per second on one thread, cycling through every {@code .eml} file of a folder held
 * in memory (so the figure is the reader's, not the disk's), with Jakarta Mail's stream provider
 * found by its class-path scan and named by the opt-in property (each in its own fork). Run over
 * the dev corpus: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl exporter/bounce
 * test-compile exec:exec@bench -Djmh.args="BounceBenchmarks -p dir=$PWD/../shared/corpus/dev/emails
 * -prof gc"}; without {@code -p dir} it reads the test fixtures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class BounceBenchmarks {
  @Param("target/test-classes/fixtures/bounces")
  public String dir;

  /** {@code scan}: Jakarta Mail's default lookup; {@code angus}: the opt-in system property. */
  @Param({"scan", "angus"})
  public String streamProvider;

  private byte[][] messages;
  private int next;
  private final BounceReader reader = BounceReader.standard();

  @Setup
  public void load() throws IOException {
    if (streamProvider.equals("angus")) {
      BounceReader.useAngusStreamProvider();
    }
    List<byte[]> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
        all.add(Files.readAllBytes(p));
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("no .eml files in " + dir);
    }
    messages = all.toArray(byte[][]::new);
  }

  /**
   * A baseline in the same run: the naive reading (one regex over the whole message for a reply
   * code and a status) that the issue measured at about 54% / 59% / 40% agreement.
   */
  private static final java.util.regex.Pattern NAIVE =
      java.util.regex.Pattern.compile("\\b([45]\\d\\d)[ -]+([45]\\.\\d{1,3}\\.\\d{1,3})?");

  @Benchmark
  public String naiveRegex() {
    byte[] message = messages[next];
    next = next + 1 == messages.length ? 0 : next + 1;
    java.util.regex.Matcher m =
        NAIVE.matcher(new String(message, java.nio.charset.StandardCharsets.ISO_8859_1));
    return m.find() ? m.group() : null;
  }

  /** One message per operation: the score is messages per second. */
  @Benchmark
  public Bounce readMessage() {
    byte[] message = messages[next];
    next = next + 1 == messages.length ? 0 : next + 1;
    return reader.read(message);
  }
}
