package io.github.smtpreply.text;

import java.util.Map;

/**
 * An immutable map from non-zero longs to non-negative ints in two flat arrays (open addressing, at
 * most half full), so that a lookup costs a multiplication and a load or two and boxes nothing.
 */
final class LongIntTable {
  private final long[] keys; // 0: an empty slot
  private final int[] values;

  LongIntTable(Map<Long, Integer> entries) {
    int size = Integer.highestOneBit(Math.max(4, entries.size() * 2)) * 2;
    this.keys = new long[size];
    this.values = new int[size];
    entries.forEach(
        (key, value) -> {
          if (key == 0 || value < 0) {
            throw new IllegalArgumentException("key 0 or negative value: " + key + "=" + value);
          }
          int slot = slot(key);
          while (keys[slot] != 0) {
            slot = (slot + 1) & (size - 1);
          }
          keys[slot] = key;
          values[slot] = value;
        });
  }

  private int slot(long key) {
    return (int) (key * 0x9E3779B97F4A7C15L >>> 40) & (keys.length - 1);
  }

  /** The value of {@code key}, or -1. */
  int get(long key) {
    long[] k = keys;
    int slot = slot(key);
    long stored;
    while ((stored = k[slot]) != 0) {
      if (stored == key) {
        return values[slot];
      }
      slot = (slot + 1) & (k.length - 1);
    }
    return -1;
  }
}
