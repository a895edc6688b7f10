package io.github.smtpreply.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte searches for the log readers' hot loops. */
public final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /**
   * The first index of {@code c} in {@code b[from, to)}, or -1: eight bytes at a time (a byte equal
   * to {@code c} is a zero byte of the word xor {@code c} repeated; the lowest such byte is the
   * first, and bytes below a zero byte never borrow), about twice the speed of a byte loop in the
   * JVM's quick compiler.
   */
  public static int indexOf(byte[] b, int from, int to, byte c) {
    long pattern = (c & 0xFFL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** True if no byte of {@code b[from, to)} has its high bit set: eight bytes at a time. */
  public static boolean isAscii(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (((long) LONGS.get(b, i) & HIGHS) != 0) {
        return false;
      }
    }
    for (; i < to; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
