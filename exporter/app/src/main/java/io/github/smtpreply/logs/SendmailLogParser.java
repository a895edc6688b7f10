package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import java.time.ZoneId;

/**
 * Sendmail logs (programs {@code sendmail}, {@code sm-mta}, {@code sm-msp-queue}): the delivery
 * lines ({@code QUEUEID: to=<…>, delay=…, xdelay=…, mailer=esmtp, pri=…, relay=host. [ip],
 * dsn=5.0.0, stat=Service unavailable}). {@code stat=} is the last field: {@code Sent (reply)},
 * {@code Deferred: reason} or the error itself; a {@code reply=} field, when logged, holds the
 * server's reply. The status is {@code sent}, {@code deferred}, {@code queued}, else {@code failed}
 * (the error stands in stat=); the route is the mailer; where the reply carries no enhanced status,
 * Sendmail's {@code dsn=} is used.
 */
public final class SendmailLogParser implements LogParser {
  private final Classifier classifier = Classifier.standard();
  private final ZoneId zone;

  public SendmailLogParser(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public Line read(String line) {
    SyslogLine syslog = SyslogLine.parse(line, zone);
    String program = syslog.program();
    boolean sendmail = program.equals("sendmail") || program.startsWith("sm-");
    if (!sendmail && !program.isEmpty()) {
      return Line.FOREIGN;
    }
    String message = syslog.message();
    int stat = message.indexOf(", stat=");
    if (stat < 0 || !message.contains(": to=")) {
      // a bare message (journalctl -o cat) is Sendmail's only when it is a delivery
      return sendmail ? Line.OTHER : Line.FOREIGN;
    }
    String value = message.substring(stat + 7);
    String status;
    String text;
    if (value.startsWith("Sent")) {
      status = "sent";
      int open = value.indexOf('(');
      int close = value.lastIndexOf(')');
      text = open >= 0 && close > open ? value.substring(open + 1, close) : value;
    } else if (value.startsWith("Deferred")) {
      status = "deferred";
      text = value.startsWith("Deferred: ") ? value.substring(10) : value;
    } else if (value.startsWith("queued")) {
      status = "queued";
      text = value;
    } else {
      status = "failed";
      text = value;
    }
    int reply = message.indexOf(", reply=");
    if (reply >= 0 && reply < stat) {
      text = message.substring(reply + 8, stat);
    }
    EnhancedStatus dsn = field(message, ", dsn=", stat);
    String mailer = field(message, ", mailer=");
    Finding finding = ReplyFinder.find(text);
    EnhancedStatus enhanced = finding.enhanced() != null ? finding.enhanced() : dsn;
    Classification classified =
        classifier.classify(finding.withReply(finding.code(), enhanced), finding.stage(), text);
    return Line.of(
        new LogEvent(syslog.timestamp(), status, mailer == null ? "none" : mailer, classified));
  }

  private static EnhancedStatus field(String message, String key, int before) {
    String value = field(message, key);
    if (value == null || message.indexOf(key) > before) {
      return null;
    }
    try {
      return EnhancedStatus.parse(value);
    } catch (ReplyFormatException e) {
      return null;
    }
  }

  /** The value of a {@code , key=value,} field, or {@code null}. */
  private static String field(String message, String key) {
    int at = message.indexOf(key);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    int end = message.indexOf(',', start);
    return message.substring(start, end < 0 ? message.length() : end);
  }
}
