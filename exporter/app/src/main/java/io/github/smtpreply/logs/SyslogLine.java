package io.github.smtpreply.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A syslog line split into time, program, process id and message. Understands:
 *
 * <ul>
 *   <li>RFC 3164 / BSD ({@code Nov 22 04:55:20 host program[pid]: message}, the day space-padded or
 *       not, optionally with fractions of a second as {@code journalctl -o short-precise} prints
 *       them, optionally after a {@code <PRI>});
 *   <li>RFC 3339 stamps as rsyslog writes them ({@code 2026-11-22T04:55:20.5+00:00 host
 *       program[pid]: message}) and {@code journalctl -o short-iso} ({@code +0100}, no colon);
 *   <li>RFC 5424 ({@code <22>1 2026-11-22T04:55:20Z host postfix/smtp 123 - - message});
 *   <li>a bare {@code program[pid]: message}, and a bare message ({@code journalctl -o cat}).
 * </ul>
 *
 * @param timestamp the time, or {@code null} for a bare message or an unreadable time
 * @param program the program ({@code postfix/smtp}, {@code postfix-out/relay/smtp}), or empty
 * @param pid the process id as logged, or empty
 * @param message the message after {@code program[pid]: }
 */
record SyslogLine(Instant timestamp, String program, String pid, String message) {

  /** Splits a line; a line without a recognisable prefix is all message. */
  static SyslogLine parse(String line, ZoneId zone) {
    int at = 0;
    // "<PRI>": what a raw syslog stream or an RFC 5424 file carries before the rest.
    if (line.length() > 3 && line.charAt(0) == '<') {
      int close = line.indexOf('>');
      if (close > 1 && close <= 4 && digits(line, 1, close)) {
        at = close + 1;
      }
    }
    if (line.length() > at + 2 && line.charAt(at) == '1' && line.charAt(at + 1) == ' ' && at > 0) {
      SyslogLine rfc5424 = rfc5424(line, at + 2);
      if (rfc5424 != null) {
        return rfc5424;
      }
    }
    int hostStart;
    Instant time;
    if (line.length() > at + 16 && isLetter(line.charAt(at)) && line.charAt(at + 3) == ' ') {
      int end = bsdEnd(line, at);
      time = end < 0 ? null : bsd(line, at, end, zone);
      hostStart = time == null ? -1 : end + 1;
    } else if (line.length() > at + 20 && isDigit(line.charAt(at)) && line.charAt(at + 10) == 'T') {
      int space = line.indexOf(' ', at);
      time = space > 0 ? iso(line, at, space) : null;
      hostStart = time == null ? -1 : space + 1;
    } else {
      hostStart = -1;
      time = null;
    }
    if (hostStart < 0) {
      return bare(line, at);
    }
    int programStart = line.indexOf(' ', hostStart);
    int colon = programStart < 0 ? -1 : line.indexOf(": ", programStart + 1);
    if (colon < 0) {
      return bare(line, hostStart);
    }
    return tagged(time, line, programStart + 1, colon);
  }

  /** "program[pid]" or "program" from {@code start} to the colon; null if it holds a space. */
  private static SyslogLine tagged(Instant time, String line, int start, int colon) {
    int bracket = line.indexOf('[', start);
    String program;
    String pid = "";
    if (bracket >= 0 && bracket < colon) {
      program = line.substring(start, bracket);
      int close = line.indexOf(']', bracket);
      if (close > bracket && close < colon) {
        pid = line.substring(bracket + 1, close);
      }
    } else {
      program = line.substring(start, colon);
    }
    if (program.indexOf(' ') >= 0) {
      return new SyslogLine(time, "", "", line.substring(start));
    }
    return new SyslogLine(time, program, pid, line.substring(colon + 2));
  }

  /** "VERSION" read; then "TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG" (RFC 5424 §6). */
  private static SyslogLine rfc5424(String line, int at) {
    int[] ends = new int[5];
    int from = at;
    for (int i = 0; i < 5; i++) {
      int space = line.indexOf(' ', from);
      if (space < 0) {
        return null;
      }
      ends[i] = space;
      from = space + 1;
    }
    Instant time = line.charAt(at) == '-' ? null : iso(line, at, ends[0]);
    if (time == null && line.charAt(at) != '-') {
      return null;
    }
    String app = line.substring(ends[1] + 1, ends[2]);
    String pid = line.substring(ends[2] + 1, ends[3]);
    // Structured data: "-" or one or more "[id k="v" …]" elements (values may hold "]" escaped).
    int sd = ends[4] + 1;
    int msg;
    if (sd < line.length() && line.charAt(sd) == '-') {
      msg = sd + 1;
    } else if (sd < line.length() && line.charAt(sd) == '[') {
      msg = sdEnd(line, sd);
      if (msg < 0) {
        return null;
      }
    } else {
      return null;
    }
    if (msg < line.length() && line.charAt(msg) == ' ') {
      msg++;
    }
    // A UTF-8 BOM may start the message (RFC 5424 §6.4).
    if (msg < line.length() && line.charAt(msg) == '\uFEFF') {
      msg++;
    }
    return new SyslogLine(
        time,
        "-".equals(app) ? "" : app,
        "-".equals(pid) ? "" : pid,
        line.substring(Math.min(msg, line.length())));
  }

  private static int sdEnd(String line, int at) {
    int i = at;
    while (i < line.length() && line.charAt(i) == '[') {
      boolean quoted = false;
      i++;
      for (; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && quoted) {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ']' && !quoted) {
          break;
        }
      }
      if (i >= line.length()) {
        return -1;
      }
      i++;
    }
    return i;
  }

  private static SyslogLine bare(String line, int from) {
    // "postfix/smtp[123]: message" (no time, no host), else the message alone.
    int colon = line.indexOf("]: ", from);
    int bracket = line.indexOf('[', from);
    if (colon > 0 && bracket > from && bracket < colon) {
      boolean word = true;
      for (int i = from; i < bracket; i++) {
        if (line.charAt(i) == ' ') {
          word = false;
          break;
        }
      }
      if (word) {
        return new SyslogLine(
            null,
            line.substring(from, bracket),
            line.substring(bracket + 1, colon),
            line.substring(colon + 3));
      }
    }
    return new SyslogLine(null, "", "", from == 0 ? line : line.substring(from));
  }

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /** The last stamp read and its instant: consecutive lines mostly share their second. */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

  /** End (exclusive) of "Mmm dd hh:mm:ss[.ffffff]" at {@code at}, or -1. */
  private static int bsdEnd(String line, int at) {
    int i = at + 4;
    if (line.charAt(i) == ' ') {
      i++; // "Nov  2": the day is space-padded
    }
    int dayStart = i;
    while (i < line.length() && isDigit(line.charAt(i))) {
      i++;
    }
    if (i == dayStart || i - dayStart > 2 || i + 9 > line.length() || line.charAt(i) != ' ') {
      return -1;
    }
    i += 9; // " hh:mm:ss"
    if (i < line.length() && line.charAt(i) == '.') {
      i++;
      while (i < line.length() && isDigit(line.charAt(i))) {
        i++;
      }
    }
    return i < line.length() && line.charAt(i) == ' ' ? i : -1;
  }

  static Instant bsd(String line, int at, int end, ZoneId zone) {
    String stamp = line.substring(at, end);
    Object[] last = LAST.get();
    if (stamp.equals(last[0])) {
      return (Instant) last[1];
    }
    int m = MONTHS.indexOf(stamp.substring(0, 3));
    int i = stamp.charAt(4) == ' ' ? 5 : 4;
    int day = 0;
    while (isDigit(stamp.charAt(i))) {
      day = day * 10 + (stamp.charAt(i++) - '0');
    }
    if (m < 0 || m % 3 != 0) {
      return null;
    }
    int hour = twoDigits(stamp, i + 1);
    int minute = twoDigits(stamp, i + 4);
    int second = twoDigits(stamp, i + 7);
    if (hour < 0 || minute < 0 || second < 0 || stamp.charAt(i + 3) != ':') {
      return null;
    }
    int nanos = fraction(stamp, i + 9, stamp.length());
    try {
      // BSD syslog has no year: take this year, or last year for a date in the future.
      LocalDateTime now = LocalDateTime.now(zone);
      LocalDateTime local =
          LocalDateTime.of(now.getYear(), m / 3 + 1, day, hour, minute, second, nanos);
      if (local.isAfter(now.plusDays(1))) {
        local = local.minusYears(1);
      }
      Instant instant = local.atZone(zone).toInstant();
      last[0] = stamp;
      last[1] = instant;
      return instant;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * "yyyy-mm-ddThh:mm:ss[.f…](Z|±hh:mm|±hhmm)" from {@code at} to {@code end}: RFC 3339, and
   * journald's short-iso (no colon in the offset). Read by hand: no parser on the hot path.
   */
  static Instant iso(String s, int at, int end) {
    if (end - at < 20) {
      return null;
    }
    String stamp = s.substring(at, end);
    Object[] last = LAST.get();
    if (stamp.equals(last[0])) {
      return (Instant) last[1];
    }
    int year = digitsValue(stamp, 0, 4);
    int month = digitsValue(stamp, 5, 7);
    int day = digitsValue(stamp, 8, 10);
    int hour = digitsValue(stamp, 11, 13);
    int minute = digitsValue(stamp, 14, 16);
    int second = digitsValue(stamp, 17, 19);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || minute < 0
        || second < 0
        || stamp.charAt(4) != '-'
        || stamp.charAt(7) != '-'
        || stamp.charAt(13) != ':'
        || stamp.charAt(16) != ':') {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < stamp.length() && stamp.charAt(i) == '.') {
      int start = ++i;
      while (i < stamp.length() && isDigit(stamp.charAt(i))) {
        i++;
      }
      nanos = fraction(stamp, start - 1, i);
    }
    if (i >= stamp.length()) {
      return null;
    }
    int offsetSeconds;
    char sign = stamp.charAt(i);
    if ((sign == 'Z' || sign == 'z') && i + 1 == stamp.length()) {
      offsetSeconds = 0;
    } else if (sign == '+' || sign == '-') {
      int oh = digitsValue(stamp, i + 1, i + 3);
      int om;
      if (stamp.length() == i + 6 && stamp.charAt(i + 3) == ':') {
        om = digitsValue(stamp, i + 4, i + 6);
      } else if (stamp.length() == i + 5) {
        om = digitsValue(stamp, i + 3, i + 5);
      } else {
        return null;
      }
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    } else {
      return null;
    }
    try {
      Instant instant =
          LocalDateTime.of(year, month, day, hour, minute, second, nanos)
              .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
      last[0] = stamp;
      last[1] = instant;
      return instant;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Nanoseconds of ".fff…" at {@code dot} (up to {@code end}); 0 if there is none. */
  private static int fraction(String s, int dot, int end) {
    if (dot >= end || s.charAt(dot) != '.') {
      return 0;
    }
    int nanos = 0;
    int scale = 100_000_000;
    for (int i = dot + 1; i < end && scale > 0; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        break;
      }
      nanos += (c - '0') * scale;
      scale /= 10;
    }
    return nanos;
  }

  private static int digitsValue(String s, int from, int to) {
    if (to > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean digits(String s, int from, int to) {
    return digitsValue(s, from, to) >= 0;
  }

  private static int twoDigits(String s, int at) {
    return at + 2 <= s.length() ? digitsValue(s, at, at + 2) : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  /**
   * The route a program name stands for: the service name in {@code postfix/relay/smtp}, else the
   * program in {@code postfix/smtp} or {@code postfix-out/smtp}; {@code none} when empty.
   */
  static String route(String program) {
    if (program.isEmpty()) {
      return "none";
    }
    int last = program.lastIndexOf('/');
    if (last < 0) {
      return program;
    }
    int before = program.lastIndexOf('/', last - 1);
    return before < 0 ? program.substring(last + 1) : program.substring(before + 1, last);
  }
}
