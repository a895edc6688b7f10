package io.github.smtpreply.logs;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing one Postfix line. Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl exporter/app
 * test-compile exec:exec@bench -Djmh.args="LogBenchmarks -prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogBenchmarks {
  private static final String LINE =
      "Nov 22 04:55:22 mx1 postfix/smtp[2103]: 4F1A2B3C43: to=<nobody@example.com>,"
          + " relay=mx.example.com[192.0.2.26]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=5.1.1,"
          + " status=bounced (host mx.example.com[192.0.2.26] said: 550 5.1.1 <nobody@example.com>:"
          + " User unknown (in reply to RCPT TO command))";

  private final PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);

  @Benchmark
  public Optional<LogEvent> parsePostfixLine() {
    return parser.parse(LINE);
  }
}
