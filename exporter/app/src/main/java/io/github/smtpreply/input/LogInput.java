package io.github.smtpreply.input;

import io.github.smtpreply.logs.LogEvent;
import io.github.smtpreply.logs.LogParser;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One log input of the exporter: parses each line, counts the replies into {@link
 * SmtpReplyMetrics}, and counts what it read ({@code smtp.log.lines} by {@code result=understood|
 * not_understood}, {@code smtp.log.events}, and the time of the last event).
 */
public final class LogInput implements LineSink {
  private final LogParser parser;
  private final SmtpReplyMetrics metrics;
  private final String source;
  private final Counter understood;
  private final Counter notUnderstood;
  private final Counter events;
  private final AtomicLong lastEventMillis = new AtomicLong();

  /**
   * @param name what the input reads ({@code /var/log/mail.log}, {@code -}, {@code demo})
   * @param source the {@code source} label of its replies ({@code postfix}, {@code exim}, {@code
   *     demo})
   */
  public LogInput(
      String name,
      String source,
      LogParser parser,
      SmtpReplyMetrics metrics,
      MeterRegistry registry) {
    this.parser = parser;
    this.metrics = metrics;
    this.source = source;
    this.understood = lines(registry, name, source, "understood");
    this.notUnderstood = lines(registry, name, source, "not_understood");
    this.events =
        Counter.builder("smtp.log.events")
            .description("Delivery and reject events read from the log")
            .tags("input", name, "source", source)
            .register(registry);
    Gauge.builder("smtp.log.last.event.timestamp", lastEventMillis, v -> v.get() / 1000.0)
        .description("When the last event was read (Unix time); 0 before the first")
        .baseUnit("seconds")
        .tags("input", name, "source", source)
        .register(registry);
  }

  private static Counter lines(MeterRegistry registry, String name, String source, String result) {
    return Counter.builder("smtp.log.lines")
        .description("Log lines read, by whether they had the MTA's shape")
        .tags("input", name, "source", source, "result", result)
        .register(registry);
  }

  @Override
  public void accept(String line) {
    LogParser.Line read = parser.read(line);
    LogEvent event = read.event();
    if (event != null) {
      understood.increment();
      events.increment();
      metrics.record(event.reply(), source, event.route());
      lastEventMillis.set(System.currentTimeMillis());
    } else if (read.understood()) {
      understood.increment();
    } else {
      notUnderstood.increment();
    }
  }
}
