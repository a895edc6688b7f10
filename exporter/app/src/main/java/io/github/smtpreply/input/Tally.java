package io.github.smtpreply.input;

import io.github.smtpreply.classify.Classification;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one input has counted: named counts (lines by result, messages by kind, …) and replies by
 * {@link Series}. An input keeps two: the counts already in its checkpoint and on its meters, and
 * the counts of the batch it is reading, which reach the meters only after the checkpoint that
 * holds them is written. So what Prometheus scrapes never exceeds what a restart restores, and a
 * restarted exporter continues every counter where the checkpoint left it, with no reset.
 *
 * <p>At most {@link #MAX_SERIES} reply series are kept (the binder's own bounds are far below it
 * for real logs). A reply of a further series is still counted by the binder but not kept here:
 * after a restart that series starts again from 0, an ordinary counter reset that Prometheus
 * handles; {@link #unsaved()} says how many replies that concerned.
 *
 * <p>Not thread-safe: the input's thread owns it.
 */
final class Tally {
  static final int MAX_SERIES = 10_000;

  private final int maxSeries;
  // Mutable counts, so that counting a line neither boxes nor allocates.
  private final Map<String, Count> counts = new LinkedHashMap<>();
  private final Map<Series, Count> replies = new LinkedHashMap<>();
  private final Map<Series, Classification> examples = new LinkedHashMap<>();
  private long unsaved;

  /** The counts of an input so far, at most {@link #MAX_SERIES} reply series. */
  static Tally total() {
    return new Tally(MAX_SERIES);
  }

  /** The counts of one batch: bounded by the batch's size, so every reply is kept. */
  static Tally batch() {
    return new Tally(Integer.MAX_VALUE);
  }

  private Tally(int maxSeries) {
    this.maxSeries = maxSeries;
  }

  void count(String name) {
    counts.computeIfAbsent(name, k -> new Count()).value++;
  }

  /**
   * Counts a reply; {@code example} is what the binder is given for the whole series when the batch
   * is published, so that the live series is exactly the one the reply would have had.
   *
   * @return false if the series did not fit (counted in {@link #unsaved()} instead)
   */
  boolean reply(Series series, Classification example, long times) {
    if (!replies.containsKey(series) && replies.size() >= maxSeries) {
      unsaved += times;
      return false;
    }
    Count count = replies.get(series);
    if (count == null) {
      replies.put(series, count = new Count());
      examples.put(series, example);
    }
    count.value += times;
    return true;
  }

  void addAll(Tally other) {
    other.counts.forEach((k, v) -> counts.computeIfAbsent(k, n -> new Count()).value += v.value);
    other.replies.forEach((k, v) -> reply(k, other.examples.get(k), v.value));
    unsaved += other.unsaved;
  }

  boolean isEmpty() {
    return counts.isEmpty() && replies.isEmpty() && unsaved == 0;
  }

  void clear() {
    counts.clear();
    replies.clear();
    examples.clear();
    unsaved = 0;
  }

  long get(String name) {
    Count count = counts.get(name);
    return count == null ? 0 : count.value;
  }

  Map<String, Long> counts() {
    return values(counts);
  }

  Map<Series, Long> replies() {
    return values(replies);
  }

  private static <K> Map<K, Long> values(Map<K, Count> counts) {
    Map<K, Long> values = new LinkedHashMap<>();
    counts.forEach((k, v) -> values.put(k, v.value));
    return Collections.unmodifiableMap(values);
  }

  /** The reply the series was first seen with, for the binder. */
  Classification example(Series series) {
    return examples.get(series);
  }

  long unsaved() {
    return unsaved;
  }

  /** A copy of {@code counts} and {@code replies} as a checkpoint kept them. */
  static Tally of(Map<String, Long> counts, Map<Series, Long> replies) {
    Tally t = total();
    counts.forEach((name, n) -> t.counts.computeIfAbsent(name, k -> new Count()).value += n);
    replies.forEach((series, n) -> t.reply(series, series.classification(), n));
    return t;
  }

  private static final class Count {
    long value;
  }
}
