package io.github.smtpreply.logs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.Stage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Postfix logs: deliveries ({@code QUEUEID: to=<…>, relay=…, dsn=X.Y.Z, status=WORD (text)}) by any
 * delivery agent, {@code status=expired} from qmgr, and smtpd/cleanup/postscreen rejects ({@code
 * NOQUEUE: reject: RCPT from host[ip]: 550 5.1.1 …; from=<…>}, {@code reject_warning}, {@code
 * milter-reject}). Program names may carry a custom {@code syslog_name} or instance ({@code
 * postfix-out/smtp}, {@code postfix/relay/smtp}).
 *
 * <p>Also the lines of one try at one server that the SMTP and LMTP clients log before they move on
 * to the next ({@code QUEUEID: host H[IP] said: …}, {@code refused to talk to me: …}, {@code lost
 * connection with H[IP] while …}, {@code conversation with H[IP] timed out while …}, {@code connect
 * to H[IP]:25: Connection refused}), as status {@code attempt}, and smtpd's {@code too many errors
 * after X} and {@code improper command pipelining after X}. Postfix logs a failed connection on
 * every try, and when it was the last server the delivery status repeats that text: that status
 * line is marked {@link LogEvent#repeat()} so the outcome is counted once (smtp_connect.c,
 * smtp_trouble.c).
 *
 * <p>The reply is what the text in parentheses (or after the client) says; where it carries no
 * enhanced status, Postfix's own {@code dsn=} is used, as Postfix reported it.
 */
public final class PostfixLogParser implements LogParser {
  private static final Set<String> DAEMONS = daemons();
  private static final Map<String, EnhancedStatus> ATTEMPT_STATUS = attemptStatus();

  /** Attempts remembered per process, for the status line that repeats the last one. */
  private static final int MAX_PROCESSES = 1024;

  private final Classifier classifier = Classifier.standard();
  private final ZoneId zone;
  private final Map<String, String> lastAttempt = ParserMemory.recentlyUsed(MAX_PROCESSES);

  /** Classifications by reply text and dsn=, the most recently used kept. */
  private static final int MAX_CACHED = 4096;

  private final Map<String, Classification> classified = ParserMemory.recentlyUsed(MAX_CACHED);

  private final SyslogBytes syslogBytes;

  private final ReplyCache replies = new ReplyCache(MAX_CACHED);

  public PostfixLogParser(ZoneId zone) {
    this.zone = zone;
    this.syslogBytes = new SyslogBytes(zone);
  }

  /**
   * As {@link #read(String)}; a line that cannot be an event is answered from its bytes, neither
   * decoded nor split: most lines of a mail log are not events.
   */
  @Override
  public Line read(byte[] bytes, int from, int to) {
    long program = syslogBytes.program(bytes, from, to);
    if (program == SyslogBytes.UNSURE) {
      return read(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }
    int hint = eventHint(bytes, syslogBytes.messageStart, to);
    if (hint == NO_EVENT) {
      if (program == SyslogBytes.NO_PROGRAM) {
        return Line.FOREIGN;
      }
      return isPostfix(bytes, (int) (program >>> 32), (int) program) ? Line.OTHER : Line.FOREIGN;
    }
    if (program >= 0 && hint >= 0) {
      LogEvent delivery =
          delivery(
              bytes, (int) (program >>> 32), (int) program, syslogBytes.messageStart, to, hint);
      if (delivery != null) {
        return Line.of(delivery);
      }
    } else if (program >= 0) {
      LogEvent reject =
          reject(bytes, (int) (program >>> 32), (int) program, syslogBytes.messageStart, to);
      if (reject != null) {
        return Line.of(reject);
      }
    }
    return read(new String(bytes, from, to - from, StandardCharsets.UTF_8));
  }

  /** The action words of reject lines, in the order {@link #rejectAt} tries them. */
  private static final String[] REJECT_ACTIONS = {"milter-reject", "reject_warning", "reject"};

  /** Each action as it stands in a line, followed by ": ". */
  private static final String[] REJECT_MARKERS =
      Stream.of(REJECT_ACTIONS).map(a -> a + ": ").toArray(String[]::new);

  private static final byte[][] REJECT_ACTION_BYTES =
      Stream.of(REJECT_MARKERS).map(PostfixLogParser::ascii).toArray(byte[][]::new);
  private static final byte[] HEADER = ascii("header ");
  private static final byte[] BODY = ascii("body ");
  private static final byte[] ADDRESS_END = ascii("]: ");
  private static final byte[] COLON_SPACE = ascii(": ");
  private static final byte[] KEYS = ascii("; from=");

  /** Classifications of reject texts, one cache per stage (the stage is part of the key). */
  private final ReplyCache[] rejectReplies = new ReplyCache[Stage.values().length];

  /**
   * {@link #reject(SyslogLine, String, int)} of a Postfix program's reject line, from its bytes:
   * the same event, or {@code null} when the line is not one read here (header and body checks,
   * non-ASCII before the action, qmgr): the decoded line is then read as a whole.
   */
  private LogEvent reject(byte[] b, int programStart, int programEnd, int m, int to) {
    if (!isPostfix(b, programStart, programEnd)) {
      return null;
    }
    int at = -1;
    int action = 0;
    for (; action < REJECT_ACTION_BYTES.length; action++) {
      at =
          indexOf(
              b,
              m,
              Math.min(to, m + 40 + REJECT_ACTION_BYTES[action].length),
              REJECT_ACTION_BYTES[action]);
      if (at >= 0 && at - m < 40) {
        break;
      }
    }
    if (action == REJECT_ACTION_BYTES.length || !Bytes.isAscii(b, m, at)) {
      return null;
    }
    int rest = at + REJECT_ACTION_BYTES[action].length;
    if (startsWith(b, rest, to, HEADER) || startsWith(b, rest, to, BODY)) {
      return null;
    }
    Program p = program(b, programStart, programEnd);
    if (p.name.endsWith("/qmgr")) {
      return null;
    }
    int space = indexOf(b, rest, to, (byte) ' ');
    Stage stage = stageOf(b, rest, space < 0 ? to : space);
    int textStart = indexOf(b, rest, to, ADDRESS_END);
    if (textStart >= 0) {
      textStart += ADDRESS_END.length;
    } else {
      int colon = indexOf(b, rest, to, COLON_SPACE);
      textStart = colon < 0 ? rest : colon + COLON_SPACE.length;
    }
    int textEnd = lastIndexOf(b, rest, to, KEYS);
    if (textEnd < textStart) {
      textEnd = to;
    }
    if (textStart == rest) {
      textEnd = to; // no ": " after the command: the whole rest is the text
    }
    ReplyCache cache = rejectReplies[stage.ordinal()];
    if (cache == null) {
      cache = rejectReplies[stage.ordinal()] = new ReplyCache(REJECTS_CACHED);
    }
    Classification reply = cache.get(b, textStart, textEnd, -1, -1);
    if (reply != null && cache.normalised()) {
      reply = withText(reply, new String(b, textStart, textEnd - textStart, UTF_8));
    } else if (reply == null) {
      String text = new String(b, textStart, textEnd - textStart, UTF_8);
      reply = classifier.classify(ReplyFinder.find(text), stage, text);
      cache.put(reply);
    }
    return new LogEvent(syslogBytes.time, REJECT_ACTIONS[action], p.route, reply);
  }

  private static final int REJECTS_CACHED = 512;

  private static int lastIndexOf(byte[] b, int from, int to, byte[] word) {
    for (int i = to - word.length; i >= from; i--) {
      if (startsWith(b, i, to, word)) {
        return i;
      }
    }
    return -1;
  }

  private static final byte[] TO = ascii(": to=");
  private static final byte[] RELAY = ascii(", relay=");
  private static final byte[] EXPIRED = ascii("status=expired");
  private static final byte[] FORCE_EXPIRED = ascii("status=force-expired");
  private static final byte[] DSN = ascii("dsn=");
  private static final byte[] QMGR = ascii("/qmgr");

  /**
   * {@link #delivery(SyslogLine, String)} of a Postfix program's delivery line, from its bytes: the
   * same event, or {@code null} when the line is not one, or not one read here (the decoded line is
   * then read as a whole).
   */
  private LogEvent delivery(
      byte[] b, int programStart, int programEnd, int m, int to, int statusAt) {
    if (!isPostfix(b, programStart, programEnd)) {
      return null;
    }
    if (indexOf(b, m, to, TO) < 0
        && indexOf(b, m, to, RELAY) < 0
        && indexOf(b, m, to, EXPIRED) < 0
        && indexOf(b, m, to, FORCE_EXPIRED) < 0) {
      return null;
    }
    int wordStart = statusAt + 8;
    int wordEnd = wordStart;
    while (wordEnd < to && b[wordEnd] != ' ' && b[wordEnd] != ',') {
      wordEnd++;
    }
    String status = statusWord(b, wordStart, wordEnd);
    if (status == null) {
      return null;
    }
    int textStart = statusAt + 1;
    int textEnd = to;
    int open = indexOf(b, wordEnd, to, (byte) '(');
    if (open >= 0) {
      int close = lastIndexOf(b, m, to, (byte) ')');
      textStart = open + 1;
      textEnd = close > open ? close : to;
    }
    int dsnStart = indexOf(b, m, to, DSN);
    int dsnEnd = dsnStart;
    if (dsnStart >= 0) {
      int comma = indexOf(b, dsnStart, to, (byte) ',');
      dsnStart += DSN.length;
      dsnEnd = comma < 0 ? to : comma;
      if (dsnEnd < dsnStart) {
        return null; // "dsn=" right before a comma that ends it: left to the decoded line
      }
    }
    Classification reply = replies.get(b, textStart, textEnd, dsnStart, dsnEnd);
    if (reply != null && replies.normalised()) {
      reply = withText(reply, new String(b, textStart, textEnd - textStart, UTF_8));
    } else if (reply == null) {
      String text = new String(b, textStart, textEnd - textStart, StandardCharsets.UTF_8);
      EnhancedStatus dsn = null;
      if (dsnStart >= 0) {
        try {
          dsn = EnhancedStatus.parse(new String(b, dsnStart, dsnEnd - dsnStart, UTF_8));
        } catch (ReplyFormatException e) {
          dsn = null;
        }
      }
      reply = classifyDelivery(text, dsn);
      replies.put(reply);
    }
    Program p = program(b, programStart, programEnd);
    boolean repeat = false;
    if (!lastAttempt.isEmpty()) {
      String pid =
          new String(b, syslogBytes.pidStart, syslogBytes.pidEnd - syslogBytes.pidStart, UTF_8);
      String last = lastAttempt.get(p.name + '[' + pid);
      repeat =
          last != null
              && open >= 0
              && last.equals(new String(b, textStart, textEnd - textStart, UTF_8));
    }
    return new LogEvent(syslogBytes.time, status, p.route, reply, repeat);
  }

  /** The classification of another text that differs from this one only in its queue id. */
  private static Classification withText(Classification c, String text) {
    return new Classification(
        c.code(),
        c.enhanced(),
        c.status(),
        c.replyClass(),
        c.reason(),
        c.stage(),
        c.provider(),
        c.rule(),
        c.flags(),
        text);
  }

  /** A program's name and route, for the last few programs read. */
  private record Program(byte[] bytes, String name, String route) {}

  private final Program[] programs = new Program[8];
  private int nextProgram;

  private Program program(byte[] b, int start, int end) {
    for (Program p : programs) {
      if (p != null && Arrays.equals(p.bytes, 0, p.bytes.length, b, start, end)) {
        return p;
      }
    }
    String name = new String(b, start, end - start, UTF_8);
    String route = name.endsWith("/qmgr") ? "none" : SyslogLine.route(name);
    Program p = new Program(Arrays.copyOfRange(b, start, end), name, route);
    programs[nextProgram] = p;
    nextProgram = (nextProgram + 1) % programs.length;
    return p;
  }

  private static final String[] STATUS_WORDS = {
    "sent", "deferred", "bounced", "expired", "force-expired", "undeliverable", "deliverable"
  };
  private static final byte[][] STATUS_BYTES =
      Stream.of(STATUS_WORDS).map(PostfixLogParser::ascii).toArray(byte[][]::new);

  /** The status word as {@link #isStatusWord} accepts it, or {@code null}. */
  private static String statusWord(byte[] b, int start, int end) {
    if (end == start) {
      return null;
    }
    for (int i = 0; i < STATUS_BYTES.length; i++) {
      if (Arrays.equals(STATUS_BYTES[i], 0, STATUS_BYTES[i].length, b, start, end)) {
        return STATUS_WORDS[i];
      }
    }
    String word = new String(b, start, end - start, UTF_8);
    return isStatusWord(word) ? word : null;
  }

  private static int indexOf(byte[] b, int from, int to, byte[] word) {
    int last = to - word.length;
    for (int i = Bytes.indexOf(b, from, to, word[0]);
        i >= 0 && i <= last;
        i = Bytes.indexOf(b, i + 1, to, word[0])) {
      if (startsWith(b, i, to, word)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    return Bytes.indexOf(b, from, to, c);
  }

  private static int lastIndexOf(byte[] b, int from, int to, byte c) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static final byte[] STATUS = ascii(" status");
  private static final byte[] REJECT =
      REJECT_ACTION_BYTES[List.of(REJECT_ACTIONS).indexOf("reject")];
  private static final byte[] REJECT_WARNING =
      REJECT_ACTION_BYTES[List.of(REJECT_ACTIONS).indexOf("reject_warning")];
  private static final byte[][] AT_BODY =
      Stream.of(
              "host ",
              "connect to ",
              "lost connection with ",
              "conversation with ",
              "too many errors after ",
              "improper command pipelining after ")
          .map(PostfixLogParser::ascii)
          .toArray(byte[][]::new);
  private static final byte[] POSTFIX = ascii("postfix");

  /**
   * False only if the message (from {@code from}) holds none of what {@link #read(String)} needs
   * for an event: " status=" anywhere (deliveries); "reject: " or "reject_warning: " near the start
   * (rejects, milter-reject included; {@link #rejectAt} looks within 40 characters, which are at
   * most 160 bytes); the start of an attempt line or an smtpd outcome right after the queue id.
   * Every word is ASCII, which UTF-8 decoding keeps as is (a malformed byte never swallows an ASCII
   * one), and a character is at least one byte, so the decoded message holds a word where this
   * looks only if the bytes do.
   */
  static boolean mayHoldEvent(byte[] b, int from, int to) {
    return eventHint(b, from, to) != NO_EVENT;
  }

  private static final int NO_EVENT = -1;
  private static final int NOT_A_DELIVERY = -2;

  /**
   * {@link #NO_EVENT} if the line cannot be an event (see {@link #mayHoldEvent}); else where the
   * first " status=" starts, or {@link #NOT_A_DELIVERY} if there is none.
   */
  private static int eventHint(byte[] b, int from, int to) {
    // " status=" anywhere, found by its "=" eight bytes at a time: most lines hold a few "=".
    for (int i = Bytes.indexOf(b, from, to, (byte) '=');
        i >= 0;
        i = Bytes.indexOf(b, i + 1, to, (byte) '=')) {
      if (i - STATUS.length >= from && startsWith(b, i - STATUS.length, to, STATUS)) {
        return i - STATUS.length;
      }
    }
    // The "j" of "reject" near the start: rejectAt() looks within 40 characters; while the bytes
    // are ASCII a character is a byte, after a non-ASCII one a character may take up to 4 bytes.
    int near = Math.min(to, from + 40 + REJECT_WARNING.length);
    if (!Bytes.isAscii(b, from, near)) {
      near = Math.min(to, from + 160 + REJECT_WARNING.length);
    }
    for (int j = Bytes.indexOf(b, from, near, (byte) 'j');
        j >= 0;
        j = Bytes.indexOf(b, j + 1, near, (byte) 'j')) {
      if (startsWith(b, j - 2, to, REJECT) || startsWith(b, j - 2, to, REJECT_WARNING)) {
        return NOT_A_DELIVERY;
      }
    }
    int body = afterQueueId(b, from, to);
    for (byte[] word : AT_BODY) {
      if (startsWith(b, body, to, word)) {
        return NOT_A_DELIVERY;
      }
    }
    return NO_EVENT;
  }

  /** {@link #afterQueueId(String)} of the message's bytes. */
  private static int afterQueueId(byte[] b, int from, int to) {
    int i = from;
    while (i < to && i - from < 32) {
      byte c = b[i];
      if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
        i++;
      } else {
        break;
      }
    }
    return i > from && i + 1 < to && b[i] == ':' && b[i + 1] == ' ' ? i + 2 : from;
  }

  private static boolean startsWith(byte[] b, int at, int to, byte[] word) {
    if (at < 0 || to - at < word.length) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      if (b[at + k] != word[k]) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isPostfix(String)} of the program's bytes. */
  private static boolean isPostfix(byte[] b, int start, int end) {
    if (startsWith(b, start, end, POSTFIX)) {
      return true;
    }
    int slash = -1;
    for (int i = end - 1; i >= start; i--) {
      if (b[i] == '/') {
        slash = i;
        break;
      }
    }
    return slash > start
        && DAEMONS.contains(new String(b, slash + 1, end - slash - 1, StandardCharsets.UTF_8));
  }

  private static byte[] ascii(String word) {
    return word.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Line read(String line) {
    SyslogLine syslog = SyslogLine.parse(line, zone);
    String program = syslog.program();
    boolean postfix = isPostfix(program);
    if (!postfix && !program.isEmpty()) {
      return Line.FOREIGN;
    }
    String message = syslog.message();
    int body = afterQueueId(message);
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
    if (isClient(program) && isAttempt(message, body)) {
      return Line.of(attempt(syslog, message.substring(body)));
    }
    if (isServer(program)) {
      Stage stage = smtpdOutcome(message, body);
      if (stage != null) {
        return Line.of(smtpd(syslog, message.substring(body), stage));
      }
    }
    return postfix ? Line.OTHER : Line.FOREIGN;
  }

  /** "postfix…/x" or any "name/…/daemon" whose last part is a Postfix program. */
  static boolean isPostfix(String program) {
    if (program.startsWith("postfix")) {
      return true;
    }
    int slash = program.lastIndexOf('/');
    return slash > 0 && DAEMONS.contains(program.substring(slash + 1));
  }

  private static boolean isClient(String program) {
    return program.isEmpty() || program.endsWith("/smtp") || program.endsWith("/lmtp");
  }

  private static boolean isServer(String program) {
    return program.isEmpty() || program.endsWith("/smtpd");
  }

  /** Where the text after "QUEUEID: " (or "NOQUEUE: ") starts; 0 if there is no queue id. */
  private static int afterQueueId(String message) {
    int i = 0;
    while (i < message.length() && i < 32) {
      char c = message.charAt(i);
      if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
        i++;
      } else {
        break;
      }
    }
    return i > 0 && message.startsWith(": ", i) ? i + 2 : 0;
  }

  private static boolean isAttempt(String message, int at) {
    if (message.startsWith("host ", at)) {
      return message.indexOf(" said: ", at) > 0
          || message.indexOf(" refused to talk to me: ", at) > 0;
    }
    return message.startsWith("connect to ", at)
        || message.startsWith("lost connection with ", at)
        || message.startsWith("conversation with ", at)
            && message.indexOf(" timed out while ", at) > 0;
  }

  /**
   * One try at one server: "host H said: 451 …", "host H refused to talk to me: 421 …", "connect to
   * H[IP]:25: Connection refused", "lost connection with H while receiving the initial server
   * greeting", "conversation with H timed out while sending RCPT TO".
   */
  private LogEvent attempt(SyslogLine syslog, String text) {
    if (ParserMemory.keeps(text)) {
      lastAttempt.put(syslog.program() + '[' + syslog.pid(), text);
    }
    Finding finding = ReplyFinder.find(text);
    EnhancedStatus enhanced = finding.enhanced();
    if (enhanced == null && finding.code() == null) {
      for (Map.Entry<String, EnhancedStatus> e : ATTEMPT_STATUS.entrySet()) {
        if (text.startsWith(e.getKey())) {
          enhanced = e.getValue();
        }
      }
    }
    Classification reply =
        classifier.classify(finding.withReply(finding.code(), enhanced), finding.stage(), text);
    return new LogEvent(syslog.timestamp(), "attempt", SyslogLine.route(syslog.program()), reply);
  }

  /** The smtpd command named by "too many errors after RCPT from …", or null for other lines. */
  private static Stage smtpdOutcome(String message, int at) {
    String rest;
    if (message.startsWith("too many errors after ", at)) {
      rest = message.substring(at + 22);
    } else if (message.startsWith("improper command pipelining after ", at)) {
      rest = message.substring(at + 34);
    } else {
      return null;
    }
    return stageOf(rest);
  }

  private LogEvent smtpd(SyslogLine syslog, String text, Stage stage) {
    Finding finding = ReplyFinder.find(text);
    Classification reply = classifier.classify(finding, stage, text);
    String status = text.startsWith("too many") ? "too_many_errors" : "improper_pipelining";
    return new LogEvent(syslog.timestamp(), status, SyslogLine.route(syslog.program()), reply);
  }

  private static boolean isDelivery(String message) {
    return message.contains(" status=")
        && (message.contains(": to=")
            || message.contains(", relay=")
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
    for (String action : REJECT_MARKERS) {
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
    // Real logs repeat the same reply texts thousands of times: most classifications are a lookup.
    String key = dsn == null ? 'N' + text : 'D' + text + '\u0000' + dsn;
    Classification reply = classified.get(key);
    if (reply == null) {
      reply = classifyDelivery(text, dsn);
      remember(key, reply);
    }
    String last = lastAttempt.get(syslog.program() + '[' + syslog.pid());
    boolean repeat = last != null && open >= 0 && last.equals(text);
    return new LogEvent(syslog.timestamp(), status, route, reply, repeat);
  }

  private void remember(String key, Classification reply) {
    if (ParserMemory.keeps(key)) {
      classified.put(key, reply);
    }
  }

  private Classification classifyDelivery(String text, EnhancedStatus dsn) {
    Finding finding = ReplyFinder.find(text);
    EnhancedStatus enhanced = finding.enhanced() != null ? finding.enhanced() : dsn;
    return classifier.classify(finding.withReply(finding.code(), enhanced), finding.stage(), text);
  }

  private LogEvent reject(SyslogLine syslog, String message, int at) {
    int colon = message.indexOf(": ", at);
    String action = message.substring(at, colon);
    String rest = message.substring(colon + 2);
    // "RCPT from host[ip]: 550 5.1.1 <x>: Recipient address rejected: …; from=<…> to=<…> …"
    Stage stage = stageOf(rest);
    if (rest.startsWith("header ") || rest.startsWith("body ")) {
      // cleanup's header_checks/body_checks: "…; from=<a> to=<b> proto=ESMTP helo=<h>: 5.7.1 text"
      int keys = rest.lastIndexOf("; from=");
      int colon2 = keys < 0 ? -1 : rest.indexOf(": ", keys);
      String text = colon2 < 0 ? "" : rest.substring(colon2 + 2);
      Finding finding = ReplyFinder.find(text);
      Classification reply = classifier.classify(finding, Stage.DATA, text);
      return new LogEvent(syslog.timestamp(), action, SyslogLine.route(syslog.program()), reply);
    }
    int textStart = rest.indexOf("]: ");
    textStart = textStart < 0 ? rest.indexOf(": ") + 2 : textStart + 3;
    int textEnd = rest.lastIndexOf("; from=");
    if (textEnd < textStart) {
      textEnd = rest.length();
    }
    String text = textStart < 2 ? rest : rest.substring(textStart, textEnd);
    String key = stage.ordinal() + text;
    Classification reply = classified.get(key);
    if (reply == null) {
      Finding finding = ReplyFinder.find(text);
      reply = classifier.classify(finding, stage, text);
      remember(key, reply);
    }
    return new LogEvent(syslog.timestamp(), action, SyslogLine.route(syslog.program()), reply);
  }

  /** The smtpd commands a reject answers ("RCPT from", "END-OF-MESSAGE from"), and their stage. */
  private static final String[] COMMANDS = {
    "CONNECT", "HELO", "EHLO", "MAIL", "RCPT", "DATA", "END-OF-MESSAGE", "BDAT", "STARTTLS", "AUTH"
  };

  private static final Stage[] COMMAND_STAGES = {
    Stage.CONNECT,
    Stage.HELO,
    Stage.HELO,
    Stage.MAIL,
    Stage.RCPT,
    Stage.DATA,
    Stage.DATA,
    Stage.DATA,
    Stage.STARTTLS,
    Stage.AUTH
  };

  private static final byte[][] COMMAND_BYTES =
      Stream.of(COMMANDS).map(PostfixLogParser::ascii).toArray(byte[][]::new);

  /** The stage of the command a reject answered; {@link Stage#UNKNOWN} for another word. */
  private static Stage stageOf(String rest) {
    int space = rest.indexOf(' ');
    String command = space < 0 ? rest : rest.substring(0, space);
    for (int i = 0; i < COMMANDS.length; i++) {
      if (COMMANDS[i].equals(command)) {
        return COMMAND_STAGES[i];
      }
    }
    return Stage.UNKNOWN;
  }

  /** {@link #stageOf(String)} of the command word {@code b[start, end)}. */
  private static Stage stageOf(byte[] b, int start, int end) {
    for (int i = 0; i < COMMAND_BYTES.length; i++) {
      if (Arrays.equals(COMMAND_BYTES[i], 0, COMMAND_BYTES[i].length, b, start, end)) {
        return COMMAND_STAGES[i];
      }
    }
    return Stage.UNKNOWN;
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

  private static Map<String, EnhancedStatus> attemptStatus() {
    Map<String, EnhancedStatus> table = new LinkedHashMap<>();
    for (String l : resourceLines("postfix-attempts.tsv")) {
      String[] row = l.split("\t");
      if (row.length == 2 && !row[0].equals("prefix")) {
        try {
          table.put(row[0], EnhancedStatus.parse(row[1]));
        } catch (ReplyFormatException e) {
          throw new IllegalStateException("postfix-attempts.tsv: " + l, e);
        }
      }
    }
    return Map.copyOf(table);
  }

  private static Set<String> daemons() {
    Set<String> names = new HashSet<>();
    for (String l : resourceLines("postfix-daemons.txt")) {
      names.add(l.strip());
    }
    return Set.copyOf(names);
  }

  /** The lines of a resource beside this class, without blank lines and # comments. */
  private static List<String> resourceLines(String name) {
    List<String> lines = new ArrayList<>();
    try (InputStream in = PostfixLogParser.class.getResourceAsStream(name);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (!l.isBlank() && !l.startsWith("#")) {
          lines.add(l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
