package io.github.smtpreply.input;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.logs.LogEvent;
import io.github.smtpreply.logs.LogParser;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One log input of the exporter: parses each line, counts the replies into {@link
 * SmtpReplyMetrics}, and counts what it read ({@code smtp.log.lines} by {@code result=understood|
 * not_understood}, {@code smtp.log.events}, and the time of the last event).
 *
 * <p>Lines are counted in batches: {@link #accept} keeps the counts aside, {@link #commit} adds
 * them to the input's total (for its checkpoint), and {@link #publish} puts them on the meters. A
 * caller with a checkpoint saves it between the two; one without calls {@link #acceptNow}.
 */
public final class LogInput implements LineSink {
  static final String UNDERSTOOD = "lines.understood";
  static final String NOT_UNDERSTOOD = "lines.not_understood";
  static final String EVENTS = "events";

  private final String name;
  private final LogParser parser;
  private final SmtpReplyMetrics metrics;
  private final String source;
  private final Counter understood;
  private final Counter notUnderstood;
  private final Counter events;
  private final AtomicLong lastEventMillis = new AtomicLong();
  private final Tally total = Tally.total();
  private final Tally batch = Tally.batch();

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
    this.name = name;
    this.parser = parser;
    this.metrics = metrics;
    this.source = source;
    this.understood = lines(registry, name, source, InputMeters.UNDERSTOOD);
    this.notUnderstood = lines(registry, name, source, InputMeters.NOT_UNDERSTOOD);
    this.events =
        Counter.builder(InputMeters.LOG_EVENTS)
            .description(InputMeters.LOG_EVENTS_HELP)
            .tags(InputMeters.INPUT, name, SmtpReplyMeters.SOURCE, source)
            .register(registry);
    Gauge.builder(InputMeters.LOG_LAST_EVENT, lastEventMillis, v -> v.get() / 1000.0)
        .description(InputMeters.LOG_LAST_EVENT_HELP)
        .baseUnit("seconds")
        .tags(InputMeters.INPUT, name, SmtpReplyMeters.SOURCE, source)
        .register(registry);
  }

  private static Counter lines(MeterRegistry registry, String name, String source, String result) {
    return Counter.builder(InputMeters.LOG_LINES)
        .description(InputMeters.LOG_LINES_HELP)
        .tags(InputMeters.INPUT, name, SmtpReplyMeters.SOURCE, source, InputMeters.RESULT, result)
        .register(registry);
  }

  /** Counts a line into the current batch; it reaches the meters with {@link #publish}. */
  @Override
  public void accept(String line) {
    count(parser.read(line));
  }

  /** As {@link #accept(String)}, from the line's bytes: most lines are never decoded. */
  @Override
  public void accept(byte[] bytes, int from, int to) {
    count(parser.read(bytes, from, to));
  }

  private void count(LogParser.Line read) {
    LogEvent event = read.event();
    if (event != null) {
      batch.count(UNDERSTOOD);
      batch.count(EVENTS);
      if (!event.repeat()) { // its reply was counted from the attempt line before it
        batch.reply(series(event.reply(), event.route()), event.reply(), 1);
      }
    } else {
      batch.count(read.understood() ? UNDERSTOOD : NOT_UNDERSTOOD);
    }
  }

  // The series of recent replies, by the identity of the parts that choose it: a parser hands on
  // the same code, status and route objects for the replies it has seen, so the common case of a
  // log (a few replies repeated) makes no Series and no label strings.
  private static final int RECENT = 64;
  private final Classification[] recentReplies = new Classification[RECENT];
  private final String[] recentRoutes = new String[RECENT];
  private final Series[] recentSeries = new Series[RECENT];

  private Series series(Classification reply, String route) {
    int h =
        System.identityHashCode(reply.code()) * 31
            + System.identityHashCode(reply.status()) * 17
            + System.identityHashCode(route)
            + reply.reason().ordinal() * 7
            + reply.stage().ordinal();
    int slot = (h ^ h >>> 16) & (RECENT - 1);
    Classification kept = recentReplies[slot];
    if (kept != null
        && kept.code() == reply.code()
        && kept.status() == reply.status()
        && kept.replyClass() == reply.replyClass()
        && kept.reason() == reply.reason()
        && kept.stage() == reply.stage()
        && recentRoutes[slot] == route) {
      return recentSeries[slot];
    }
    Series series = Series.of(reply, route, metrics);
    if (route != null && !SmtpReplyMetrics.isLabelValue(route)) {
      return series; // not kept: a route from a log line may be long, its series says "other"
    }
    recentReplies[slot] = reply;
    recentRoutes[slot] = route;
    recentSeries[slot] = series;
    return series;
  }

  /** Counts a line and puts it on the meters at once, for an input with no checkpoint. */
  public void acceptNow(String line) {
    accept(line);
    commit();
    publish();
  }

  /** As {@link #acceptNow(String)}, from the line's UTF-8 bytes. */
  public void acceptNow(byte[] bytes, int from, int to) {
    accept(bytes, from, to);
    commit();
    publish();
  }

  String name() {
    return name;
  }

  /** True if lines were counted since the last {@link #publish}. */
  boolean pending() {
    return !batch.isEmpty();
  }

  /** Adds the batch to the total and returns the total, for the checkpoint. */
  Tally commit() {
    total.addAll(batch);
    return total;
  }

  /** Puts the batch on the meters and starts the next one. */
  void publish() {
    put(batch);
    if (batch.get(EVENTS) > 0) {
      lastEventMillis.set(System.currentTimeMillis());
    }
    batch.clear();
  }

  /** Continues from a checkpoint's counts: they go on the meters and become the total. */
  void restore(Tally saved) {
    put(saved);
    total.addAll(saved);
  }

  private void put(Tally counts) {
    understood.increment(counts.get(UNDERSTOOD));
    notUnderstood.increment(counts.get(NOT_UNDERSTOOD));
    events.increment(counts.get(EVENTS));
    for (Map.Entry<Series, Long> e : counts.replies().entrySet()) {
      metrics.record(counts.example(e.getKey()), source, e.getKey().route(), e.getValue());
    }
  }
}
