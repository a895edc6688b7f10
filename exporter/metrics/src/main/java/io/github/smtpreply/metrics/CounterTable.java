package io.github.smtpreply.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.function.LongFunction;

/**
 * Counters by a packed {@code long} key: lookups read an immutable open-addressing table without
 * locking or allocating; the rare insert (a label combination seen for the first time) copies the
 * table under a lock and publishes the copy.
 */
final class CounterTable {
  private static final class Table {
    final long[] keys;
    final Counter[] counters;
    final int size;

    Table(int capacity, int size) {
      this.keys = new long[capacity];
      this.counters = new Counter[capacity];
      this.size = size;
    }
  }

  private volatile Table table = new Table(64, 0);

  /** The counter for {@code key}, created by {@code create} the first time. */
  Counter get(long key, LongFunction<Counter> create) {
    Table t = table;
    Counter found = find(t, key);
    return found != null ? found : insert(key, create);
  }

  int size() {
    return table.size;
  }

  private static Counter find(Table t, long key) {
    int mask = t.keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      Counter c = t.counters[i];
      if (c == null) {
        return null;
      }
      if (t.keys[i] == key) {
        return c;
      }
    }
  }

  private synchronized Counter insert(long key, LongFunction<Counter> create) {
    Table t = table;
    Counter found = find(t, key);
    if (found != null) {
      return found;
    }
    Counter counter = create.apply(key);
    int capacity = t.keys.length;
    if ((t.size + 1) * 2 > capacity) {
      capacity *= 2;
    }
    Table next = new Table(capacity, t.size + 1);
    for (int i = 0; i < t.keys.length; i++) {
      if (t.counters[i] != null) {
        put(next, t.keys[i], t.counters[i]);
      }
    }
    put(next, key, counter);
    table = next;
    return counter;
  }

  private static void put(Table t, long key, Counter counter) {
    int mask = t.keys.length - 1;
    int i = mix(key) & mask;
    while (t.counters[i] != null) {
      i = (i + 1) & mask;
    }
    t.keys[i] = key;
    t.counters[i] = counter;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
