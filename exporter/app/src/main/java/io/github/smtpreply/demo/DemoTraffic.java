package io.github.smtpreply.demo;

import io.github.smtpreply.metrics.SmtpReplyMeters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo's traffic as a pure function of (seed, second): which events happen in each second of
 * demo time, from the steady mix and the incidents of the schedule (resource files {@code
 * demo/traffic.tsv} and {@code demo/schedule.tsv}). The same seed gives the same events, whatever
 * second a caller starts at, so tests can rely on it without waiting.
 */
public final class DemoTraffic {
  /** The phase of the rows that always run, unless an incident stops the flow. */
  static final String STEADY = "steady";

  private static final Set<String> SOURCES =
      Set.of(
          SmtpReplyMeters.SOURCE_POSTFIX,
          SmtpReplyMeters.SOURCE_EXIM,
          SmtpReplyMeters.SOURCE_CAMEL,
          SmtpReplyMeters.SOURCE_DSN);

  /** One thing the demo sends: a log line (postfix, exim) or a reply text with its route. */
  public record Event(String source, String route, String text) {}

  /** A row of traffic.tsv. */
  record Row(String phase, double perMinute, Event event) {}

  /** A row of schedule.tsv: active from minute {@code start} (included) to {@code end}. */
  public record Incident(String name, int start, int end, boolean steady, String what) {
    boolean activeAt(int minute) {
      return minute >= start && minute < end;
    }
  }

  private final List<Row> rows;
  private final List<Incident> incidents;
  private final int cycleMinutes;

  DemoTraffic(List<Row> rows, List<Incident> incidents, int cycleMinutes) {
    this.rows = List.copyOf(rows);
    this.incidents = List.copyOf(incidents);
    this.cycleMinutes = cycleMinutes;
  }

  /** The bundled traffic and schedule. */
  public static DemoTraffic standard() {
    List<Row> rows = new ArrayList<>();
    List<Incident> incidents = new ArrayList<>();
    int[] cycle = {0};
    read(
        "traffic.tsv",
        5,
        f -> rows.add(new Row(f[0], perMinute(f[1]), new Event(source(f[2]), f[3], f[4]))));
    read(
        "schedule.tsv",
        0,
        f -> {
          if (f[0].equals("cycle") && f.length == 2) {
            cycle[0] = Integer.parseInt(f[1]);
          } else if (f.length == 5) {
            incidents.add(
                new Incident(
                    f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3].equals("on"), f[4]));
          } else {
            throw new IllegalStateException("schedule.tsv: bad row " + String.join("|", f));
          }
        });
    for (Row row : rows) {
      if (!row.phase().equals(STEADY)
          && incidents.stream().noneMatch(i -> i.name().equals(row.phase()))) {
        throw new IllegalStateException("traffic.tsv: phase not in schedule.tsv: " + row.phase());
      }
    }
    if (cycle[0] <= 0 || incidents.stream().anyMatch(i -> i.end() > cycle[0])) {
      throw new IllegalStateException("schedule.tsv: the cycle must hold every incident");
    }
    return new DemoTraffic(rows, incidents, cycle[0]);
  }

  /** Length of one cycle in minutes. */
  public int cycleMinutes() {
    return cycleMinutes;
  }

  /** The incidents, in schedule order. */
  public List<Incident> incidents() {
    return incidents;
  }

  /** The incidents active at {@code second} of demo time. */
  public List<Incident> activeAt(long second) {
    int minute = (int) ((second / 60) % cycleMinutes);
    return incidents.stream().filter(i -> i.activeAt(minute)).toList();
  }

  /**
   * The events of one second of demo time, in row order. Second 0 also sends one event of every
   * steady row, so that every steady series exists from the start.
   */
  public List<Event> second(long seed, long second) {
    if (second < 0) {
      throw new IllegalArgumentException("second must be at least 0, not " + second);
    }
    List<Incident> active = activeAt(second);
    boolean steady = active.stream().allMatch(Incident::steady);
    // One generator per (seed, second): the events of a second do not depend on the ones before.
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + second);
    List<Event> events = new ArrayList<>();
    for (Row row : rows) {
      boolean on =
          row.phase().equals(STEADY)
              ? steady
              : active.stream().anyMatch(i -> i.name().equals(row.phase()));
      int n = poisson(random, row.perMinute() / 60);
      if (on) {
        if (second == 0 && row.phase().equals(STEADY)) {
          n = Math.max(n, 1);
        }
        for (int i = 0; i < n; i++) {
          events.add(row.event());
        }
      }
    }
    return events;
  }

  /** A Poisson draw by Knuth's method: fine for the small means here (at most a few). */
  private static int poisson(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    int k = 0;
    for (double p = random.nextDouble(); p > limit; p *= random.nextDouble()) {
      k++;
    }
    return k;
  }

  private static double perMinute(String value) {
    double v = Double.parseDouble(value);
    if (!(v > 0 && v <= 600)) {
      throw new IllegalStateException("traffic.tsv: per_minute must be in (0, 600]: " + value);
    }
    return v;
  }

  private static String source(String value) {
    if (!SOURCES.contains(value)) {
      throw new IllegalStateException("traffic.tsv: unknown source " + value);
    }
    return value;
  }

  private interface RowSink {
    void accept(String[] fields);
  }

  private static void read(String name, int columns, RowSink sink) {
    try (InputStream in = DemoTraffic.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("this build has no demo/" + name);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (columns > 0 && fields.length != columns) {
          throw new IllegalStateException(name + ": needs " + columns + " columns: " + line);
        }
        sink.accept(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
