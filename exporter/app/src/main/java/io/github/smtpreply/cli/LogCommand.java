package io.github.smtpreply.cli;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.logs.EximLogParser;
import io.github.smtpreply.logs.LogEvent;
import io.github.smtpreply.logs.LogParser;
import io.github.smtpreply.logs.OpenSmtpdLogParser;
import io.github.smtpreply.logs.PostfixLogParser;
import io.github.smtpreply.logs.SendmailLogParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Objects;

/**
 * {@code log --format postfix|exim|sendmail|opensmtpd [--unparsed] FILE|-}: one TSV row per
 * delivery or reject event, in input order: {@code status code enhanced class reason stage route}.
 * {@code enhanced} is the status the reply carried, else the one the MTA logged ({@code dsn=}),
 * else {@code none}.
 */
final class LogCommand {
  static final String HEADER = "status\tcode\tenhanced\tclass\treason\tstage\troute";

  static LogParser parser(String format) throws UsageException {
    return switch (format) {
      case "postfix" -> new PostfixLogParser(ZoneId.systemDefault());
      case "exim" -> new EximLogParser(ZoneId.systemDefault());
      case "sendmail" -> new SendmailLogParser(ZoneId.systemDefault());
      case "opensmtpd" -> new OpenSmtpdLogParser(ZoneId.systemDefault());
      default ->
          throw new UsageException(
              "unknown log format '"
                  + Cli.printable(format)
                  + "'; use postfix, exim, sendmail or opensmtpd");
    };
  }

  void run(LogParser parser, InputStream log, PrintStream out) throws IOException {
    out.println(HEADER);
    Rows rows = new Rows();
    try (LineInput in = new LineInput(log)) {
      while (in.advance()) {
        LogEvent event = parser.read(in.bytes(), in.from(), in.to()).event();
        if (event != null) {
          out.write(rows.of(event));
        }
      }
    }
  }

  /**
   * {@code log --unparsed}: the lines the exporter counts as {@code
   * smtp_log_lines_total{result="not_understood"}}, as read, so that an operator can see and report
   * them.
   */
  void unparsed(LogParser parser, InputStream log, PrintStream out) throws IOException {
    try (LineInput in = new LineInput(log)) {
      while (in.advance()) {
        if (!parser.read(in.bytes(), in.from(), in.to()).understood()) {
          out.write(in.bytes(), in.from(), in.to() - in.from());
          out.println();
        }
      }
    }
  }

  /**
   * Rows as UTF-8 bytes with their newline, kept by the identity of their parts: a parser hands on
   * the same status, route and classification objects for the replies it has seen (its caches), so
   * most rows are written without being formatted again. Bounded: a slot per hash, replaced.
   */
  static final class Rows {
    private static final int SLOTS = 256;
    private static final int MAX_KEPT_ROW = 1024;
    private final LogEvent[] parts = new LogEvent[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    byte[] of(LogEvent event) {
      int h =
          System.identityHashCode(event.reply()) * 31
              + System.identityHashCode(event.status()) * 17
              + System.identityHashCode(event.route());
      int slot = (h ^ h >>> 16) & (SLOTS - 1);
      LogEvent kept = parts[slot];
      if (kept != null
          && kept.reply() == event.reply()
          && kept.status() == event.status()
          && kept.route() == event.route()) {
        return bytes[slot];
      }
      byte[] same = sameRow(event);
      if (same != null) {
        return same;
      }
      byte[] row = (row(event) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
      if (row.length > MAX_KEPT_ROW) {
        return row; // not kept: its route comes from the line, which may be long
      }
      parts[slot] = event;
      bytes[slot] = row;
      last = event;
      lastRow = row;
      return row;
    }

    private LogEvent last;
    private byte[] lastRow;

    /**
     * The last row formatted, if this event's row is the same: a classification that differs only
     * in its text (another queue id) makes the same row.
     */
    private byte[] sameRow(LogEvent event) {
      if (last == null
          || !last.status().equals(event.status())
          || !last.route().equals(event.route())) {
        return null;
      }
      Classification a = last.reply();
      Classification b = event.reply();
      boolean same =
          Objects.equals(a.code(), b.code())
              && Objects.equals(a.enhanced(), b.enhanced())
              && Objects.equals(a.status(), b.status())
              && a.replyClass() == b.replyClass()
              && a.reason() == b.reason()
              && a.stage() == b.stage();
      return same ? lastRow : null;
    }
  }

  static String row(LogEvent event) {
    Classification c = event.reply();
    return event.status()
        + '\t'
        + c.codeLabel()
        + '\t'
        + c.enhancedLabel()
        + '\t'
        + c.replyClass().label()
        + '\t'
        + c.reason().label()
        + '\t'
        + c.stage().label()
        + '\t'
        + event.route();
  }
}
