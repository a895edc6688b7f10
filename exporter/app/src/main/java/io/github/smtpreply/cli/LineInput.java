package io.github.smtpreply.cli;

import io.github.smtpreply.logs.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of UTF-8 text as bytes, decoding only when asked (malformed bytes become U+FFFD, so
 * binary input is read, not fatal), keeping at most {@link #MAX_LINE} bytes of each line: the rest
 * of an over-long line is skipped, never buffered.
 *
 * <p>{@link #advance()} makes the next line available as {@link #bytes()} from {@link #from()} to
 * {@link #to()}, a view into the input's buffer that is valid until the next call: a line that lies
 * whole in the buffer is not copied.
 */
final class LineInput implements AutoCloseable {
  static final int MAX_LINE = 1 << 20;

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int next;
  private int limit;
  private byte[] carry = new byte[256];
  private int carryLength;
  private boolean eof;

  private byte[] lineBytes;
  private int lineFrom;
  private int lineTo;

  LineInput(InputStream in) {
    this.in = in;
  }

  /** The next line without its terminator (CR LF or LF), or {@code null} at the end. */
  String next() throws IOException {
    if (!advance()) {
      return null;
    }
    return new String(lineBytes, lineFrom, lineTo - lineFrom, StandardCharsets.UTF_8);
  }

  /** Moves to the next line; false at the end of the input. */
  boolean advance() throws IOException {
    if (eof) {
      return false;
    }
    carryLength = 0;
    boolean any = false;
    while (true) {
      if (next >= limit) {
        limit = in.read(buffer, 0, buffer.length);
        next = 0;
        if (limit <= 0) {
          limit = 0;
          eof = true;
          if (!any) {
            return false;
          }
          return view(carry, 0, carryLength);
        }
      }
      any = true;
      int start = next;
      int newline = indexOfNewline(buffer, start, limit);
      if (newline >= 0) {
        next = newline + 1;
        if (carryLength == 0) {
          return view(buffer, start, Math.min(newline, start + MAX_LINE));
        }
        keep(start, newline);
        return view(carry, 0, carryLength);
      }
      keep(start, limit);
      next = limit;
    }
  }

  byte[] bytes() {
    return lineBytes;
  }

  int from() {
    return lineFrom;
  }

  int to() {
    return lineTo;
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    return Bytes.indexOf(b, from, to, (byte) '\n');
  }

  /** Keeps part of a line that continues past the buffer, up to {@link #MAX_LINE} bytes. */
  private void keep(int from, int to) {
    int length = Math.min(to - from, MAX_LINE - carryLength);
    if (length <= 0) {
      return;
    }
    if (carryLength + length > carry.length) {
      carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLength + length));
    }
    System.arraycopy(buffer, from, carry, carryLength, length);
    carryLength += length;
  }

  private boolean view(byte[] b, int from, int to) {
    if (to > from && b[to - 1] == '\r') {
      to--;
    }
    lineBytes = b;
    lineFrom = from;
    lineTo = to;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
