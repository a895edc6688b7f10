package io.github.smtpreply.bounce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits an mbox file (a mailbox of messages, each starting with a {@code From } line at the start
 * of the file, after an empty line, or carrying a time as a postmark does) into its messages, one
 * at a time, without holding more than one message in memory; {@code >From } lines are unescaped
 * one level (mboxrd). Input that does not start with {@code From } is one message. A message longer
 * than {@link BounceReader#MAX_MESSAGE_BYTES} is kept up to there and flagged by {@link
 * #lastWasCut()}.
 */
final class Mailbox {
  private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

  /** Bytes of a line kept at most; the rest of a longer line is dropped. */
  private static final int MAX_LINE = 1 << 20;

  private final InputStream in;

  /**
   * Read ahead of the lines, so that a line is found and copied in bulk: a read per byte (through
   * the locks of the JDK's buffered streams) cost more than splitting the mailbox was worth.
   */
  private final byte[] buffer = new byte[8192];

  private int pos;
  private int limit;

  /** The line {@link #readLine} read last, without its LF. */
  private byte[] line = new byte[256];

  private int lineLength;
  private final boolean mbox;
  private boolean started;
  private boolean lastWasCut;

  Mailbox(InputStream in) throws IOException {
    this.in = in;
    while (limit < FROM.length) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        break;
      }
      limit += n;
    }
    this.mbox = startsWith(buffer, limit, FROM);
  }

  /** The next message, or null at the end. */
  byte[] next() throws IOException {
    lastWasCut = false;
    if (!mbox) {
      if (started) {
        return null;
      }
      started = true;
      byte[] all = readAll(BounceReader.MAX_MESSAGE_BYTES + 1);
      lastWasCut = all.length > BounceReader.MAX_MESSAGE_BYTES;
      return lastWasCut ? Arrays.copyOf(all, BounceReader.MAX_MESSAGE_BYTES) : all;
    }
    if (!started) {
      started = true;
      readLine(); // the first message's From line
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    boolean any = false;
    boolean previousBlank = false;
    while (readLine()) {
      any = true;
      if (startsWith(line, lineLength, FROM) && (previousBlank || hasTime(line, lineLength))) {
        break;
      }
      previousBlank = lineLength == 0 || (lineLength == 1 && line[0] == '\r');
      int skip = isEscapedFrom(line, lineLength) ? 1 : 0;
      if (message.size() + lineLength + 1 > BounceReader.MAX_MESSAGE_BYTES) {
        lastWasCut = true;
        continue;
      }
      message.write(line, skip, lineLength - skip);
      message.write('\n');
    }
    return any ? message.toByteArray() : null;
  }

  /** True if the message {@link #next} returned last was longer than the reader takes. */
  boolean lastWasCut() {
    return lastWasCut;
  }

  /**
   * The whole input, at most {@code max} bytes, read on after what the buffer holds: a message of a
   * file is mostly in it already, and is copied once.
   */
  private byte[] readAll(int max) throws IOException {
    byte[] all = buffer;
    int length = limit;
    while (length < max) {
      if (length == all.length) {
        all = Arrays.copyOf(all, (int) Math.min(max, 2L * all.length));
      }
      int n = in.read(all, length, all.length - length);
      if (n < 0) {
        break;
      }
      length += n;
    }
    pos = limit = 0;
    return Arrays.copyOf(all, length);
  }

  /**
   * Reads the next line into {@link #line} without its LF (at most {@link #MAX_LINE} bytes of it);
   * false at the end.
   */
  private boolean readLine() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (pos < limit || fill()) {
      any = true;
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      keep(start, pos - start);
      if (pos < limit) {
        pos++; // the LF
        return true;
      }
    }
    return any;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  /** Appends bytes of the buffer to {@link #line}, up to {@link #MAX_LINE}. */
  private void keep(int from, int length) {
    int n = Math.min(length, MAX_LINE - lineLength);
    if (n <= 0) {
      return;
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + n)));
    }
    System.arraycopy(buffer, from, line, lineLength, n);
    lineLength += n;
  }

  /**
   * A postmark line carries the time of delivery ({@code From sender Thu Jul 2 12:05:05 2020}):
   * some writers omit the empty line before it.
   */
  private static boolean hasTime(byte[] line, int length) {
    for (int i = 0; i + 4 < length; i++) {
      if (isDigit(line[i])
          && isDigit(line[i + 1])
          && line[i + 2] == ':'
          && isDigit(line[i + 3])
          && isDigit(line[i + 4])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isEscapedFrom(byte[] line, int length) {
    int i = 0;
    while (i < length && line[i] == '>') {
      i++;
    }
    return i > 0 && length - i >= FROM.length && matchesAt(line, i, FROM);
  }

  /** True if the first {@code length} bytes of {@code line} start with {@code prefix}. */
  private static boolean startsWith(byte[] line, int length, byte[] prefix) {
    return length >= prefix.length && matchesAt(line, 0, prefix);
  }

  private static boolean matchesAt(byte[] line, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
