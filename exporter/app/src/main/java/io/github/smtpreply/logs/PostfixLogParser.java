package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.Stage;
import java.time.ZoneId;

/**
 * Postfix logs: deliveries ({@code QUEUEID: to=<…>, relay=…, dsn=X.Y.Z, status=WORD (text)}) by any
 * delivery agent, {@code status=expired} from qmgr, and smtpd/cleanup/postscreen rejects ({@code
 * NOQUEUE: reject: RCPT from host[ip]: 550 5.1.1 …; from=<…>}, {@code reject_warning}, {@code
 * milter-reject}). Program names may carry a custom {@code syslog_name} or instance ({@code
 * postfix-out/smtp}, {@code postfix/relay/smtp}).
 *
 * <p>The reply is what the text in parentheses (or after the client) says; where it carries no
 * enhanced status, Postfix's own {@code dsn=} is used, as Postfix reported it.
 */
public final class PostfixLogParser implements LogParser {
  private final Classifier classifier = Classifier.standard();
  private final ZoneId zone;

  public PostfixLogParser(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public Line read(String line) {
    SyslogLine syslog = SyslogLine.parse(line, zone);
    boolean postfix = syslog.program().startsWith("postfix");
    if (!postfix && !syslog.program().isEmpty()) {
      return Line.FOREIGN;
    }
    String message = syslog.message();
    if (isDelivery(message)) {
      LogEvent delivery = delivery(syslog, message);
      if (delivery != null) {
        return Line.of(delivery);
      }
    }
    int reject = rejectAt(message);
    if (reject >= 0) {
      return Line.of(reject(syslog, message, reject));
    }
    int said = message.indexOf(" said: ");
    if (said > 0 && message.startsWith("host ", message.indexOf(": ") + 2)) {
      return Line.of(said(syslog, message));
    }
    return postfix ? Line.OTHER : Line.FOREIGN;
  }

  /**
   * "QUEUEID: host mx[ip] said: 450 4.7.1 … (in reply to RCPT TO command)": a reply logged without
   * a delivery status, typically before Postfix tries the next MX. Reported with status {@code
   * said}.
   */
  private LogEvent said(SyslogLine syslog, String message) {
    String text = message.substring(message.indexOf(": ") + 2);
    Finding finding = ReplyFinder.find(text);
    Classification reply = classifier.classify(finding, finding.stage(), text);
    return new LogEvent(syslog.timestamp(), "said", SyslogLine.route(syslog.program()), reply);
  }

  private static boolean isDelivery(String message) {
    return message.contains(" status=")
        && (message.contains(": to=")
            || message.contains("status=expired")
            || message.contains("status=force-expired"));
  }

  /** Postfix's delivery status words: sent, deferred, bounced, expired, force-expired, … */
  private static boolean isStatusWord(String word) {
    if (word.isEmpty()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c == '-' && i > 0)) {
        return false;
      }
    }
    return true;
  }

  /** Index of the action word of a reject line ("reject:", "reject_warning:", "milter-reject:"). */
  private static int rejectAt(String message) {
    for (String action : new String[] {"milter-reject: ", "reject_warning: ", "reject: "}) {
      int at = message.indexOf(action);
      if (at >= 0 && at < 40) {
        return at;
      }
    }
    return -1;
  }

  /** The delivery event, or null when the status is not a word. */
  private LogEvent delivery(SyslogLine syslog, String message) {
    int statusAt = message.indexOf(" status=");
    int wordStart = statusAt + 8;
    int wordEnd = wordStart;
    while (wordEnd < message.length()
        && message.charAt(wordEnd) != ' '
        && message.charAt(wordEnd) != ',') {
      wordEnd++;
    }
    String status = message.substring(wordStart, wordEnd);
    if (!isStatusWord(status)) {
      return null; // "status=(" or "status=": a cut or foreign line, not a delivery
    }
    // The reply or reason in parentheses; without one (qmgr's "status=expired, returned to
    // sender"), the status clause itself is what the rule book reads.
    String text = message.substring(statusAt + 1);
    int open = message.indexOf('(', wordEnd);
    if (open >= 0) {
      int close = message.lastIndexOf(')');
      text = message.substring(open + 1, close > open ? close : message.length());
    }
    EnhancedStatus dsn = field(message, "dsn=");
    String route = syslog.program().endsWith("/qmgr") ? "none" : SyslogLine.route(syslog.program());
    Finding finding = ReplyFinder.find(text);
    Stage stage = finding.stage();
    EnhancedStatus enhanced = finding.enhanced() != null ? finding.enhanced() : dsn;
    Classification reply =
        classifier.classify(finding.withReply(finding.code(), enhanced), stage, text);
    return new LogEvent(syslog.timestamp(), status, route, reply);
  }

  private LogEvent reject(SyslogLine syslog, String message, int at) {
    int colon = message.indexOf(": ", at);
    String action = message.substring(at, colon);
    String rest = message.substring(colon + 2);
    // "RCPT from host[ip]: 550 5.1.1 <x>: Recipient address rejected: …; from=<…> to=<…> …"
    Stage stage = stageOf(rest);
    int textStart = rest.indexOf("]: ");
    textStart = textStart < 0 ? rest.indexOf(": ") + 2 : textStart + 3;
    int textEnd = rest.lastIndexOf("; from=");
    if (textEnd < textStart) {
      textEnd = rest.length();
    }
    String text = textStart < 2 ? rest : rest.substring(textStart, textEnd);
    Finding finding = ReplyFinder.find(text);
    Classification reply = classifier.classify(finding, stage, text);
    return new LogEvent(syslog.timestamp(), action, SyslogLine.route(syslog.program()), reply);
  }

  /** The smtpd command a reject answered: "RCPT from", "END-OF-MESSAGE from", "CONNECT from". */
  private static Stage stageOf(String rest) {
    int space = rest.indexOf(' ');
    String command = space < 0 ? rest : rest.substring(0, space);
    return switch (command) {
      case "CONNECT" -> Stage.CONNECT;
      case "HELO", "EHLO" -> Stage.HELO;
      case "MAIL" -> Stage.MAIL;
      case "RCPT" -> Stage.RCPT;
      case "DATA", "END-OF-MESSAGE", "BDAT" -> Stage.DATA;
      case "STARTTLS" -> Stage.STARTTLS;
      case "AUTH" -> Stage.AUTH;
      default -> Stage.UNKNOWN;
    };
  }

  /** An enhanced status in a {@code key=X.Y.Z,} field, or {@code null}. */
  private static EnhancedStatus field(String message, String key) {
    int at = message.indexOf(key);
    if (at < 0) {
      return null;
    }
    int end = message.indexOf(',', at);
    try {
      return EnhancedStatus.parse(
          message.substring(at + key.length(), end < 0 ? message.length() : end));
    } catch (ReplyFormatException e) {
      return null;
    }
  }
}
