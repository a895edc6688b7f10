package io.github.smtpreply.metrics;

import io.micrometer.core.instrument.Counter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongFunction;

/**
 * At most {@code capacity} counters by a packed {@code long} key, in an open-addressing table
 * allocated once for that many: lookups neither lock nor allocate, and an insert writes one slot
 * under a lock, so its cost does not grow with the number of counters.
 */
final class CounterTable {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Counter[].class);

  private final int capacity;
  private final long[] keys;
  private final Counter[] counters;
  private final int mask;
  private volatile int size;

  CounterTable(int capacity) {
    if (capacity < 1 || capacity > SmtpReplyMetrics.MAX_SERIES_LIMIT) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    // At most half full, so every probe sequence ends at an empty slot.
    int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
    this.keys = new long[slots];
    this.counters = new Counter[slots];
    this.mask = slots - 1;
  }

  /** The counter for {@code key}, or {@code null}. */
  Counter find(long key) {
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      // Acquire pairs with the release in insert: a published counter comes with its key.
      Counter c = (Counter) SLOT.getAcquire(counters, i);
      if (c == null) {
        return null;
      }
      if (keys[i] == key) {
        return c;
      }
    }
  }

  /**
   * The counter for {@code key}; created by {@code create} if the table holds fewer than {@code
   * limit} (at most the capacity), else {@code null}.
   */
  synchronized Counter insert(long key, int limit, LongFunction<Counter> create) {
    Counter found = find(key);
    if (found != null) {
      return found;
    }
    if (size >= Math.min(limit, capacity)) {
      return null;
    }
    Counter counter = create.apply(key);
    int i = mix(key) & mask;
    while (counters[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    SLOT.setRelease(counters, i, counter);
    size = size + 1;
    return counter;
  }

  int size() {
    return size;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
