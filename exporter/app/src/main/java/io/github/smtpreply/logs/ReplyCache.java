package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import java.util.Arrays;

/**
 * Classifications by the bytes of a reply text and of the {@code dsn=} Postfix logged beside it,
 * looked up without copying or decoding them: real logs repeat the same reply texts thousands of
 * times. A fixed number of slots, each key in the slot its hash picks (a newer key replaces an
 * older one there), so memory is bounded. The value is what the text and dsn= classify as, which a
 * cache can only make faster. Not thread-safe.
 */
final class ReplyCache {
  private final byte[][] keys;
  private final Classification[] values;
  private final int mask;

  /**
   * @param slots a power of two
   */
  ReplyCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    keys = new byte[slots][];
    values = new Classification[slots];
    mask = slots - 1;
  }

  /**
   * The classification of {@code b[textStart, textEnd)} with the dsn= in {@code b[dsnStart,
   * dsnEnd)} ({@code dsnStart} negative: none), or {@code null} if not kept.
   */
  Classification get(byte[] b, int textStart, int textEnd, int dsnStart, int dsnEnd) {
    int slot = slot(b, textStart, textEnd, dsnStart, dsnEnd);
    byte[] key = keys[slot];
    if (key == null || !matches(key, b, textStart, textEnd, dsnStart, dsnEnd)) {
      return null;
    }
    return values[slot];
  }

  void put(byte[] b, int textStart, int textEnd, int dsnStart, int dsnEnd, Classification value) {
    int textLength = textEnd - textStart;
    int dsnLength = dsnStart < 0 ? 0 : dsnEnd - dsnStart;
    byte[] key = new byte[textLength + 1 + dsnLength];
    System.arraycopy(b, textStart, key, 0, textLength);
    key[textLength] = (byte) (dsnStart < 0 ? 0 : 1);
    if (dsnStart >= 0) {
      System.arraycopy(b, dsnStart, key, textLength + 1, dsnLength);
    }
    int slot = slot(b, textStart, textEnd, dsnStart, dsnEnd);
    keys[slot] = key;
    values[slot] = value;
  }

  private static boolean matches(
      byte[] key, byte[] b, int textStart, int textEnd, int dsnStart, int dsnEnd) {
    int textLength = textEnd - textStart;
    int dsnLength = dsnStart < 0 ? 0 : dsnEnd - dsnStart;
    return key.length == textLength + 1 + dsnLength
        && key[textLength] == (dsnStart < 0 ? 0 : 1)
        && Arrays.equals(key, 0, textLength, b, textStart, textEnd)
        && (dsnStart < 0 || Arrays.equals(key, textLength + 1, key.length, b, dsnStart, dsnEnd));
  }

  private int slot(byte[] b, int textStart, int textEnd, int dsnStart, int dsnEnd) {
    // A sample of the text (equal keys are compared whole): up to 24 bytes spread over it.
    int length = textEnd - textStart;
    int h = length;
    int step = Math.max(1, length >>> 4);
    for (int i = textStart; i < textEnd; i += step) {
      h = 31 * h + b[i];
    }
    for (int i = Math.max(textStart, textEnd - 8); i < textEnd; i++) {
      h = 31 * h + b[i];
    }
    h = 31 * h + (dsnStart < 0 ? 0 : 1);
    for (int i = dsnStart; i >= 0 && i < dsnEnd; i++) {
      h = 31 * h + b[i];
    }
    h ^= h >>> 16;
    return h & mask;
  }
}
