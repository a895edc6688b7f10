package io.github.smtpreply.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A syslog line split into time, program and message. Understands the BSD form ({@code Nov 22
 * 04:55:20 host program[pid]: message}), RFC 3339 ({@code 2026-11-22T04:55:20.5+00:00 host
 * program[pid]: message}), and a bare message (as {@code journalctl -o cat} prints it).
 *
 * @param timestamp the time, or {@code null} for a bare message or an unreadable time
 * @param program the program ({@code postfix/smtp}, {@code postfix-out/relay/smtp}), or empty
 * @param message the message after {@code program[pid]: }
 */
record SyslogLine(Instant timestamp, String program, String message) {

  /** Splits a line; a line without a recognisable prefix is all message. */
  static SyslogLine parse(String line, ZoneId zone) {
    int hostStart;
    Instant time = null;
    if (line.length() > 16 && Character.isLetter(line.charAt(0)) && line.charAt(3) == ' ') {
      // BSD: "Nov 22 04:55:20 " or "Nov  2 04:55:20 " (the day is space-padded)
      String stamp = line.substring(0, 15).replace("  ", " ");
      time = bsd(stamp, zone);
      hostStart = time == null ? -1 : 16;
    } else if (line.length() > 20 && Character.isDigit(line.charAt(0)) && line.charAt(10) == 'T') {
      int space = line.indexOf(' ');
      time = space > 0 ? rfc3339(line.substring(0, space)) : null;
      hostStart = time == null ? -1 : space + 1;
    } else {
      hostStart = -1;
    }
    if (hostStart < 0) {
      return bare(line);
    }
    int programStart = line.indexOf(' ', hostStart);
    int colon = programStart < 0 ? -1 : line.indexOf(": ", programStart + 1);
    if (colon < 0) {
      return bare(line);
    }
    String program = line.substring(programStart + 1, colon);
    int bracket = program.indexOf('[');
    if (bracket >= 0) {
      program = program.substring(0, bracket);
    }
    if (program.indexOf(' ') >= 0) {
      return bare(line);
    }
    return new SyslogLine(time, program, line.substring(colon + 2));
  }

  private static SyslogLine bare(String line) {
    // "postfix/smtp[123]: message" (no time, no host), else the message alone.
    int colon = line.indexOf("]: ");
    int bracket = line.indexOf('[');
    if (colon > 0
        && bracket > 0
        && bracket < colon
        && line.substring(0, bracket).indexOf(' ') < 0) {
      return new SyslogLine(null, line.substring(0, bracket), line.substring(colon + 3));
    }
    return new SyslogLine(null, "", line);
  }

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /** The last BSD stamp read and its instant: consecutive lines mostly share their second. */
  private static final ThreadLocal<Object[]> LAST_BSD =
      ThreadLocal.withInitial(() -> new Object[2]);

  private static Instant bsd(String stamp, ZoneId zone) {
    Object[] last = LAST_BSD.get();
    if (stamp.equals(last[0])) {
      return (Instant) last[1];
    }
    // "Nov 22 04:55:20" or "Nov 2 04:55:20" (the caller collapsed the padding space)
    int m = MONTHS.indexOf(stamp.substring(0, 3));
    int at = 4;
    int day = 0;
    while (at < stamp.length() && Character.isDigit(stamp.charAt(at))) {
      day = day * 10 + (stamp.charAt(at++) - '0');
    }
    if (m < 0 || m % 3 != 0 || stamp.length() != at + 9 || stamp.charAt(at) != ' ') {
      return null;
    }
    int month = m / 3 + 1;
    int hour = twoDigits(stamp, at + 1);
    int minute = twoDigits(stamp, at + 4);
    int second = twoDigits(stamp, at + 7);
    if (hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      // BSD syslog has no year: take this year, or last year for a date in the future.
      LocalDateTime now = LocalDateTime.now(zone);
      LocalDateTime local = LocalDateTime.of(now.getYear(), month, day, hour, minute, second);
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

  private static int twoDigits(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    return Character.isDigit(a) && Character.isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
  }

  private static Instant rfc3339(String stamp) {
    try {
      return OffsetDateTime.parse(stamp).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The route a program name stands for: the service name in {@code postfix/relay/smtp}, else the
   * program in {@code postfix/smtp} or {@code postfix-out/smtp}; {@code none} when empty.
   */
  static String route(String program) {
    String[] parts = program.split("/");
    if (parts.length >= 3) {
      return parts[parts.length - 2];
    }
    return program.isEmpty() ? "none" : parts[parts.length - 1];
  }
}
