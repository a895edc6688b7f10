package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyFinder;
import java.time.ZoneId;
import java.util.Locale;

/**
 * OpenSMTPD logs (program {@code smtpd}): the delivery lines of its relay and local delivery agents
 * as {@code mta_log()}/{@code mda_log()} write them since 6.x ({@code SESSION mta delivery evpid=…
 * from=<…> to=<…> rcpt=<…> source="…" relay="…" delay=…s result="TempFail" stat="421 …"}), and the
 * older {@code relay: PermFail for EVPID: session=…, from=<…>, to=<…>, …, stat=550 …}. The status
 * is the result word lower-cased ({@code ok}, {@code tempfail}, {@code permfail}, {@code loop});
 * the route is the agent ({@code mta}, {@code mda}, or {@code relay} for the older lines); the
 * reply is what {@code stat} holds. Lines of program {@code smtpd}, or bare ({@code smtpd -d},
 * {@code journalctl -o cat}) when they are one of these.
 */
public final class OpenSmtpdLogParser implements LogParser {
  private final Classifier classifier = Classifier.standard();
  private final ZoneId zone;

  public OpenSmtpdLogParser(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public Line read(String line) {
    SyslogLine syslog = SyslogLine.parse(line, zone);
    if (!syslog.program().equals("smtpd") && !syslog.program().isEmpty()) {
      return Line.FOREIGN;
    }
    LogEvent event = event(syslog);
    if (event != null) {
      return Line.of(event);
    }
    // a bare message (smtpd -d, journalctl -o cat) is OpenSMTPD's only when it is an event
    return syslog.program().isEmpty() ? Line.FOREIGN : Line.OTHER;
  }

  private LogEvent event(SyslogLine syslog) {
    String message = syslog.message();
    // "5df87c9b982c840c mta delivery evpid=…" / "… mda delivery evpid=…"
    int delivery = message.indexOf(" delivery evpid=");
    if (delivery > 0) {
      int agentStart = message.lastIndexOf(' ', delivery - 1) + 1;
      String agent = message.substring(agentStart, delivery);
      String result = quoted(message, " result=\"");
      String stat = quoted(message, " stat=\"");
      return result != null && stat != null && !result.isEmpty()
          ? event(syslog, result, agent, stat)
          : null;
    }
    // "relay: PermFail for 6430369adcce4408: session=…, …, stat=550 Invalid recipient"
    if (message.startsWith("relay: ")) {
      int space = message.indexOf(' ', 7);
      int stat = message.lastIndexOf(", stat=");
      if (space > 7 && message.startsWith(" for ", space) && stat > space) {
        return event(syslog, message.substring(7, space), "relay", message.substring(stat + 7));
      }
    }
    return null;
  }

  private LogEvent event(SyslogLine syslog, String result, String route, String text) {
    Finding finding = ReplyFinder.find(text);
    Classification reply = classifier.classify(finding, finding.stage(), text);
    return new LogEvent(syslog.timestamp(), result.toLowerCase(Locale.ROOT), route, reply);
  }

  /** The value of {@code key"…"}: up to the next quote, or to the end (stat= is the last field). */
  private static String quoted(String message, String key) {
    int at = message.indexOf(key);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    int end = key.equals(" stat=\"") ? message.lastIndexOf('"') : message.indexOf('"', start);
    return end < start ? message.substring(start) : message.substring(start, end);
  }
}
