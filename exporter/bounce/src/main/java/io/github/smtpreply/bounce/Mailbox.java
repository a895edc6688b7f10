package io.github.smtpreply.bounce;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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

  private final PushbackInputStream in;
  private final boolean mbox;
  private boolean started;
  private boolean lastWasCut;

  Mailbox(InputStream in) throws IOException {
    this.in = new PushbackInputStream(new BufferedInputStream(in), FROM.length);
    byte[] head = this.in.readNBytes(FROM.length);
    this.in.unread(head);
    this.mbox = Arrays.equals(head, FROM);
  }

  /** The next message, or null at the end. */
  byte[] next() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    lastWasCut = false;
    if (!mbox) {
      if (started) {
        return null;
      }
      started = true;
      byte[] all = in.readNBytes(BounceReader.MAX_MESSAGE_BYTES + 1);
      lastWasCut = all.length > BounceReader.MAX_MESSAGE_BYTES;
      return lastWasCut ? Arrays.copyOf(all, BounceReader.MAX_MESSAGE_BYTES) : all;
    }
    if (!started) {
      started = true;
      readLine(); // the first message's From line
    }
    boolean any = false;
    boolean previousBlank = false;
    for (byte[] line = readLine(); line != null; line = readLine()) {
      any = true;
      if (startsWith(line, FROM) && (previousBlank || hasTime(line))) {
        break;
      }
      previousBlank = line.length == 0 || (line.length == 1 && line[0] == '\r');
      int skip = isEscapedFrom(line) ? 1 : 0;
      if (message.size() + line.length + 1 > BounceReader.MAX_MESSAGE_BYTES) {
        lastWasCut = true;
        continue;
      }
      message.write(line, skip, line.length - skip);
      message.write('\n');
    }
    return any ? message.toByteArray() : null;
  }

  /** True if the message {@link #next} returned last was longer than the reader takes. */
  boolean lastWasCut() {
    return lastWasCut;
  }

  /** One line without its LF, or null at the end; a line is read at most to 1 MiB. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      if (line.size() < (1 << 20)) {
        line.write(b);
      }
      b = in.read();
    }
    return line.toByteArray();
  }

  /**
   * A postmark line carries the time of delivery ({@code From sender Thu Jul 2 12:05:05 2020}):
   * some writers omit the empty line before it.
   */
  private static boolean hasTime(byte[] line) {
    for (int i = 0; i + 4 < line.length; i++) {
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

  private static boolean isEscapedFrom(byte[] line) {
    int i = 0;
    while (i < line.length && line[i] == '>') {
      i++;
    }
    return i > 0 && line.length - i >= FROM.length && startsWith(line, i, FROM);
  }

  private static boolean startsWith(byte[] line, byte[] prefix) {
    return line.length >= prefix.length && startsWith(line, 0, prefix);
  }

  private static boolean startsWith(byte[] line, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
