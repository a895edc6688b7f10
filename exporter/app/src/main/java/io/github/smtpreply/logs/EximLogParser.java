package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.Stage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Exim mainlog: {@code =>} and {@code ->} deliveries with the remote reply in {@code C="250 …"},
 * {@code ==} deferrals and {@code **} failures with the error after the fields; a host's own
 * failure ({@code MSGID H=host [ip] Connection timed out}, status {@code attempt}: the {@code ==}
 * line that repeats it is marked {@link LogEvent#repeat()}); rejects ({@code H=… F=<…> rejected
 * RCPT <…>: text}, as in the main and the reject log) and SMTP synchronization errors. Lines start
 * with {@code YYYY-MM-DD HH:MM:SS}, optionally a zone offset and {@code [pid]}, then the message
 * id.
 */
public final class EximLogParser implements LogParser {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** Delivered, delivered to an alias, deferred, failed: the flag after the message id. */
  private static final String[] FLAGS = {" => ", " -> ", " == ", " ** "};

  private final Classifier classifier = Classifier.standard();
  private final ZoneId zone;

  /** The last host attempt logged per message, for the "==" line that repeats it. */
  private final Map<String, String> lastAttempt = ParserMemory.recentlyUsed(1024);

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
    int host = line.indexOf(" H=");
    if (host > 0 && host < 80) {
      int rejected = line.indexOf(" rejected ", host);
      if (rejected > 0) {
        return Line.of(reject(line, time, rejected + 10));
      }
      String id = messageIdBefore(line, host);
      String text = id == null ? null : afterHost(line, host);
      if (text != null && isAttempt(text)) {
        if (ParserMemory.keeps(text)) {
          lastAttempt.put(id, text);
        }
        return Line.of(classified(time, "attempt", "none", text, null));
      }
    }
    int sync = line.indexOf("SMTP protocol synchronization error");
    if (sync > 0 && sync < 80) {
      return Line.of(classified(time, "reject", "none", line.substring(sync), Stage.UNKNOWN));
    }
    return Line.OTHER;
  }

  /** Outcomes of one try at one host that Exim logs before the next host or the "==" line. */
  private static final String[] ATTEMPT_TEXTS = {
    "Connection timed out",
    "Connection refused",
    "No route to host",
    "Network is unreachable",
    "Remote host closed connection",
    "SMTP error from remote mail server",
    "SMTP timeout"
  };

  private static boolean isAttempt(String text) {
    for (String start : ATTEMPT_TEXTS) {
      if (text.startsWith(start)) {
        return true;
      }
    }
    return false;
  }

  /** "… H=(helo) [ip] F=<a> rejected RCPT <b>: text": the command after "rejected" is the stage. */
  private LogEvent reject(String line, Instant time, int at) {
    Stage stage;
    if (line.startsWith("RCPT", at)) {
      stage = Stage.RCPT;
    } else if (line.startsWith("MAIL", at)) {
      stage = Stage.MAIL;
    } else if (line.startsWith("after DATA", at) || line.startsWith("DATA", at)) {
      stage = Stage.DATA;
    } else if (line.startsWith("EHLO", at) || line.startsWith("HELO", at)) {
      stage = Stage.HELO;
    } else if (line.startsWith("connection", at)) {
      stage = Stage.CONNECT;
    } else {
      stage = Stage.UNKNOWN;
    }
    int colon = colonOutsideQuotes(line, at);
    String text = colon > 0 ? line.substring(colon + 2) : line.substring(at);
    return classified(time, "reject", "none", text, stage);
  }

  private LogEvent classified(Instant time, String status, String route, String text, Stage stage) {
    Finding finding = ReplyFinder.find(text);
    Classification reply =
        classifier.classify(
            finding.code(), finding.enhanced(), stage == null ? finding.stage() : stage, text);
    return new LogEvent(time, status, route, reply);
  }

  /** The message id ("1jmFYj-00039V-QX") right before {@code at}, or null. */
  private static String messageIdBefore(String line, int at) {
    int start = line.lastIndexOf(' ', at - 1) + 1;
    String word = line.substring(start, at);
    int dash = word.indexOf('-');
    return dash > 0 && word.indexOf('-', dash + 1) > dash + 1 ? word : null;
  }

  /** The text after "H=name [ip]" (optionally ":port", optionally ": "), or null. */
  private static String afterHost(String line, int host) {
    int close = line.indexOf(']', host);
    if (close < 0) {
      return null;
    }
    int i = close + 1;
    if (i < line.length() && line.charAt(i) == ':') {
      i++;
      while (i < line.length() && Character.isDigit(line.charAt(i))) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == ':') {
        i++;
      }
    }
    return i < line.length() ? line.substring(i).strip() : null;
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
    String id = messageIdBefore(line, rest - 4);
    boolean repeat = id != null && text.equals(lastAttempt.get(id)) && !status.equals("sent");
    return new LogEvent(time, status, route == null ? "none" : route, reply, repeat);
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
