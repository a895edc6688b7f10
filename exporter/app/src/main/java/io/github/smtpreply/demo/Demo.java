package io.github.smtpreply.demo;

import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.input.LogInput;
import io.github.smtpreply.logs.EximLogParser;
import io.github.smtpreply.logs.PostfixLogParser;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Feeds the demo traffic into the exporter through the paths real inputs take: log lines through a
 * {@link LogInput} with the Postfix or Exim parser (input {@code demo-postfix}, {@code demo-exim}),
 * Camel and bounce replies through the classifier into {@link SmtpReplyMetrics}, as the Camel
 * component and the Maildir input do.
 */
public final class Demo {
  private final DemoTraffic traffic;
  private final long seed;
  private final SmtpReplyMetrics metrics;
  private final LogInput postfix;
  private final LogInput exim;

  public Demo(DemoTraffic traffic, long seed, SmtpReplyMetrics metrics, MeterRegistry registry) {
    this.traffic = traffic;
    this.seed = seed;
    this.metrics = metrics;
    this.postfix =
        new LogInput(
            "demo-postfix",
            SmtpReplyMeters.SOURCE_POSTFIX,
            new PostfixLogParser(ZoneOffset.UTC),
            metrics,
            registry);
    this.exim =
        new LogInput(
            "demo-exim",
            SmtpReplyMeters.SOURCE_EXIM,
            new EximLogParser(ZoneOffset.UTC),
            metrics,
            registry);
  }

  /** Sends the events of one second of demo time; returns how many. */
  public int play(long second) {
    List<DemoTraffic.Event> events = traffic.second(seed, second);
    for (DemoTraffic.Event e : events) {
      switch (e.source()) {
        case SmtpReplyMeters.SOURCE_POSTFIX -> postfix.acceptNow(e.text());
        case SmtpReplyMeters.SOURCE_EXIM -> exim.acceptNow(e.text());
        default ->
            metrics.record(Classifier.standard().classifyText(e.text()), e.source(), e.route());
      }
    }
    return events.size();
  }

  /**
   * Plays one second of demo time per {@code 1000 / speed} ms of wall time, for ever (until
   * interrupted). The demo clock starts at second 0 of the cycle.
   */
  public void run(int speed) {
    long start = System.nanoTime();
    for (long second = 0; !Thread.currentThread().isInterrupted(); second++) {
      play(second);
      long due = start + (second + 1) * 1_000_000_000L / speed;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
