package io.github.smtpreply.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Where {@link SyslogLine#parse} would find the program of a line, read from its UTF-8 bytes
 * without decoding them, for the common shapes: an RFC 3164 stamp ({@code Nov 22 04:55:20 host
 * program[pid]: …}) or an RFC 3339 / short-iso one, then host and program. Any other shape (a
 * {@code <PRI>}, RFC 5424, a bare message, an unreadable stamp) is left to {@link SyslogLine}: the
 * answer is {@link #UNSURE}.
 *
 * <p>Every delimiter looked for is ASCII, and UTF-8 decoding (malformed bytes included) keeps each
 * ASCII byte as the same character, so the byte positions found here are those {@link SyslogLine}
 * finds in the decoded line. A stamp is checked by {@link SyslogLine}'s own reading, once per
 * distinct stamp: consecutive lines mostly share theirs. Not thread-safe.
 */
final class SyslogBytes {
  /** The line's shape is not one read here. */
  static final long UNSURE = -1;

  /** The line has a program field that holds a space: {@link SyslogLine} gives no program. */
  static final long NO_PROGRAM = -2;

  private final ZoneId zone;

  /** Stamps read, direct-mapped by their last bytes: lines of a few seconds interleave. */
  private static final int STAMPS = 64;

  private static final int STAMP_BYTES = 40;
  private final byte[] stamps = new byte[STAMPS * STAMP_BYTES];
  private final int[] stampLengths = new int[STAMPS];
  private final Instant[] stampTimes = new Instant[STAMPS];

  /** The time of the line last read by {@link #program}, as {@link SyslogLine#timestamp()}. */
  Instant time;

  /** Where the pid of the line last read by {@link #program} starts and ends (both 0: none). */
  int pidStart;

  int pidEnd;

  /** Where the message of the line last read by {@link #program} starts. */
  int messageStart;

  SyslogBytes(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The program's bytes as {@code start << 32 | end}, or {@link #NO_PROGRAM}, or {@link #UNSURE};
   * unless unsure, {@link #messageStart} is where {@link SyslogLine#message()} starts.
   */
  long program(byte[] b, int from, int to) {
    int length = to - from;
    int hostStart;
    if (length > 16 && isLetter(b[from]) && b[from + 3] == ' ') {
      int end = bsdEnd(b, from, to);
      if (end < 0 || !stampValid(b, from, end, false)) {
        return UNSURE;
      }
      hostStart = end + 1;
    } else if (length > 20 && isDigit(b[from]) && b[from + 10] == 'T') {
      int space = indexOf(b, (byte) ' ', from, to);
      if (space < 0 || !stampValid(b, from, space, true)) {
        return UNSURE;
      }
      hostStart = space + 1;
    } else {
      return UNSURE;
    }
    int programStart = indexOf(b, (byte) ' ', hostStart, to);
    if (programStart < 0) {
      return UNSURE;
    }
    int start = programStart + 1;
    int colon = indexOfColonSpace(b, start, to);
    if (colon < 0) {
      return UNSURE;
    }
    int bracket = indexOf(b, (byte) '[', start, to);
    int end = bracket >= 0 && bracket < colon ? bracket : colon;
    pidStart = 0;
    pidEnd = 0;
    if (end == bracket) {
      int close = indexOf(b, (byte) ']', bracket, to);
      if (close > bracket && close < colon) {
        pidStart = bracket + 1;
        pidEnd = close;
      }
    }
    for (int i = start; i < end; i++) {
      if (b[i] == ' ') {
        messageStart = start;
        return NO_PROGRAM;
      }
    }
    messageStart = colon + 2;
    return (long) start << 32 | end;
  }

  /** True if {@link SyslogLine} reads a time from the stamp; the last stamp's answer is kept. */
  private boolean stampValid(byte[] b, int from, int end, boolean iso) {
    int length = end - from;
    // As a decimal number modulo 64: consecutive seconds take consecutive slots.
    int h = 0;
    for (int i = Math.max(from, end - 6); i < end; i++) {
      h = h * 10 + b[i];
    }
    int slot = h & (STAMPS - 1);
    int base = slot * STAMP_BYTES;
    if (length == stampLengths[slot] && Arrays.equals(b, from, end, stamps, base, base + length)) {
      time = stampTimes[slot];
      return time != null;
    }
    for (int i = from; i < end; i++) {
      if (b[i] < 0) {
        return false; // not ASCII: character and byte positions differ, left to SyslogLine
      }
    }
    String stamp = new String(b, from, length, StandardCharsets.ISO_8859_1);
    time = iso ? SyslogLine.iso(stamp, 0, length) : SyslogLine.bsd(stamp, 0, length, zone);
    boolean valid = time != null;
    if (length <= STAMP_BYTES) {
      System.arraycopy(b, from, stamps, base, length);
      stampLengths[slot] = length;
      stampTimes[slot] = time;
    }
    return valid;
  }

  /** End (exclusive) of "Mmm dd hh:mm:ss[.ffffff]" at {@code at}, or -1: as SyslogLine.bsdEnd. */
  private static int bsdEnd(byte[] b, int at, int to) {
    int i = at + 4;
    if (b[i] == ' ') {
      i++;
    }
    int dayStart = i;
    while (i < to && isDigit(b[i])) {
      i++;
    }
    if (i == dayStart || i - dayStart > 2 || i + 9 > to || b[i] != ' ') {
      return -1;
    }
    i += 9;
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && isDigit(b[i])) {
        i++;
      }
    }
    return i < to && b[i] == ' ' ? i : -1;
  }

  private static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfColonSpace(byte[] b, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (b[i] == ':' && b[i + 1] == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(byte c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }
}
