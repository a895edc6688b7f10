package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyFinder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Exim mainlog: {@code =>} and {@code ->} deliveries with the remote reply in {@code C="250 …"},
 * {@code ==} deferrals and {@code **} failures with the error after the fields. Lines start with
 * {@code YYYY-MM-DD HH:MM:SS}, optionally a zone offset and {@code [pid]}, then the message id.
 */
public final class EximLogParser implements LogParser {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** Delivered, delivered to an alias, deferred, failed: the flag after the message id. */
  private static final String[] FLAGS = {" => ", " -> ", " == ", " ** "};

  private final Classifier classifier = Classifier.standard();
  private final ZoneId zone;

  public EximLogParser(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public Line read(String line) {
    Instant time = line.length() > 20 ? time(line) : null;
    if (time == null) {
      return Line.FOREIGN;
    }
    // Find the flag after the message id: "<id> => ", "<id> ** ", …
    for (String flag : FLAGS) {
      int at = line.indexOf(flag);
      if (at > 0 && at < 80) {
        return Line.of(event(line, time, flag.strip(), at + 4));
      }
    }
    return Line.OTHER;
  }

  private LogEvent event(String line, Instant time, String flag, int rest) {
    String status =
        switch (flag) {
          case "=>", "->" -> "sent";
          case "==" -> "deferred";
          default -> "bounced";
        };
    String route = fieldValue(line, " T=", rest);
    String text;
    if (status.equals("sent")) {
      text = quotedField(line, " C=\"");
    } else {
      // "defer (110): text" or "defer (-44) H=host [ip]: text"; "** addr …fields…: text"
      int defer = line.indexOf(" defer (", rest);
      int from = defer >= 0 ? line.indexOf(')', defer) + 1 : rest;
      int colon = colonOutsideQuotes(line, Math.max(from, rest));
      text = colon > 0 ? line.substring(colon + 1).strip() : "";
    }
    Finding finding = ReplyFinder.find(text);
    Classification reply = classifier.classify(finding, finding.stage(), text);
    return new LogEvent(time, status, route == null ? "none" : route, reply);
  }

  private static String fieldValue(String line, String key, int from) {
    int at = line.indexOf(key, from);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    int end = start;
    while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ':') {
      end++;
    }
    return end > start ? line.substring(start, end) : null;
  }

  private static String quotedField(String line, String key) {
    int at = line.indexOf(key);
    if (at < 0) {
      return "";
    }
    int start = at + key.length();
    int end = line.indexOf('"', start);
    return line.substring(start, end < 0 ? line.length() : end);
  }

  /** The first ": " after {@code from} that is not inside a quoted field (DN="C=US,…"). */
  private static int colonOutsideQuotes(String line, int from) {
    boolean quoted = false;
    for (int i = from; i < line.length() - 1; i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ':' && line.charAt(i + 1) == ' ') {
        return i;
      }
    }
    return -1;
  }

  private Instant time(String line) {
    if (line.length() < 19) {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.parse(line.substring(0, 19), TIME);
      // An optional offset follows: "2020-06-20 01:32:57 +0200 ..."
      if (line.length() > 25 && (line.charAt(20) == '+' || line.charAt(20) == '-')) {
        try {
          return OffsetDateTime.parse(
                  line.substring(0, 19).replace(' ', 'T')
                      + line.substring(20, 23)
                      + ":"
                      + line.substring(23, 25))
              .toInstant();
        } catch (DateTimeParseException e) {
          return local.atZone(zone).toInstant();
        }
      }
      return local.atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
