package io.github.smtpreply.reply;

import io.github.smtpreply.text.DataFiles;
import io.github.smtpreply.text.PhraseMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The lenient finder: locates a reply inside free text such as an exception message, a Postfix
 * {@code said:} clause, an Exim or Sendmail error, a DSN {@code Diagnostic-Code}, a qmail {@code
 * (#5.1.1)} or a bare status. Never throws; reads at most {@link #MAX_SCAN} characters.
 *
 * <p>A three-digit number counts as a reply code only at a token boundary (not inside an IP
 * address, a host name, a date or a longer number).
 *
 * <p><b>Texts that hold several replies</b> (a session transcript, a reply that quotes another
 * server's, a repeated reply) are read by one rule, the same for every reader of the project
 * ({@code classify}, {@code log}, {@code dsn}, the Camel component):
 *
 * <ol>
 *   <li>A reply starts at a code that is followed by an enhanced status of its class ({@code 550
 *       5.1.1}), or stands at the start of the text or after a delimiter ({@code :} {@code ;}
 *       {@code #} a quote or an opening bracket), or occurs more than once (a transcript that
 *       repeats the failing reply). A number in running text ("size 500 MB") is not a reply.
 *   <li>A reply right after a quote or an opening bracket ({@code '}, {@code "}, {@code <}, {@code
 *       (}, {@code [}) is <i>quoted</i>: another server's reply that the reply before it wraps. It
 *       is that reply's <i>cause</i> ({@link Finding#cause()}), never the decisive reply; when the
 *       wrapping reply has no enhanced status, the cause's of the same class is taken.
 *   <li>The decisive reply is the <b>last failing (4xx, 5xx) reply</b> that is not quoted and not a
 *       mere consequence of an earlier failure: a {@code 503} or an {@code x.5.1} "bad sequence"
 *       ("need RCPT before DATA", "no valid recipients") after a failing reply. Relays that pass a
 *       reply on ({@code host A said: 550 host B said: 550 5.1.1 ...}) end with the farthest
 *       server's reply, which is the last.
 *   <li>When no reply fails, or none is found by 1., the first code of the best kind decides (with
 *       a status, then after a delimiter, then the first).
 * </ol>
 *
 * <p>Examples: {@code 450 busy - please try later 551 not our user 503 need RCPT command [data] 551
 * not our user} → 551; {@code 554 4.4.7 Message expired … <421 4.4.2 Connection timed out>} → 554
 * 4.4.7, cause 421 4.4.2; {@code 550 Remote Server returned '550 5.1.351 …'} → 550 5.1.351 (the
 * status from the cause); {@code 550 5.1.1 … 503 5.5.0 need RCPT before DATA 550 5.1.1 …} → 550
 * 5.1.1.
 */
public final class ReplyFinder {
  /** Characters of input read at most; longer input is read up to here and flagged truncated. */
  public static final int MAX_SCAN = 16 * 1024;

  private static final PhraseMatcher STAGE_PHRASES;
  private static final Stage[] STAGE_OF_PHRASE;

  static {
    List<String> phrases = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    for (String[] row : DataFiles.tsv(ReplyFinder.class, "stage-phrases.tsv", 2)) {
      phrases.add(row[0]);
      stages.add(
          Stage.ofLabel(row[1])
              .orElseThrow(() -> new IllegalStateException("unknown stage " + row[1])));
    }
    STAGE_PHRASES = PhraseMatcher.of(phrases);
    STAGE_OF_PHRASE = stages.toArray(Stage[]::new);
  }

  private ReplyFinder() {}

  /** Finds the decisive reply in {@code text}; an empty finding when there is none. */
  public static Finding find(CharSequence text) {
    int limit = Math.min(text.length(), MAX_SCAN);
    if (startsWithIgnoreCase(text, "X-Unix;")) {
      // An RFC 3464 diagnostic of type X-Unix carries a program's exit status, not SMTP replies.
      String rest = text.subSequence(0, limit).toString().strip();
      return new Finding(null, null, Stage.UNKNOWN, rest, text.length() > limit);
    }
    int codeAt = -1;
    int codeScore = 0;
    int statusAt = -1;
    int statusEnd = -1;
    int statusScore = 0;
    // Reply candidates, for texts that hold several: position and score of each code.
    int[] at = new int[8];
    int[] score = new int[8];
    int n = 0;
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < '2' || c > '5' || !boundaryBefore(text, i)) {
        continue;
      }
      // A hyphen may precede a status ("550-5.7.1") but not a code ("SC-004", "NN-222").
      boolean afterHyphen = i > 0 && text.charAt(i - 1) == '-';
      int codeScoreHere = afterHyphen ? 0 : codeScore(text, i, limit);
      // "DOC-1369#550", "OFR_416": a URL's fragment or an identifier, not a reply ("#550 5.1.1"
      // at a word start is one).
      boolean fragment =
          i > 1
              && (text.charAt(i - 1) == '#' || text.charAt(i - 1) == '_')
              && Character.isLetterOrDigit(text.charAt(i - 2));
      // "[416]", "(554)": a bracketed number or one that ends the text is not one of several
      // replies.
      fragment |= i + 3 >= limit || text.charAt(i + 3) == ']' || text.charAt(i + 3) == ')';
      if (codeScoreHere > 0 && !fragment && n < MAX_CANDIDATES) {
        if (n == at.length) {
          at = java.util.Arrays.copyOf(at, n * 2);
          score = java.util.Arrays.copyOf(score, n * 2);
        }
        at[n] = i;
        score[n++] = codeScoreHere;
      }
      if (codeScoreHere > codeScore) {
        codeAt = i;
        codeScore = codeScoreHere;
      }
      int end = EnhancedStatus.scan(text, i, limit);
      if (end > 0 && boundaryAfterStatus(text, end, limit)) {
        int sc = statusScore(text, i, codeAt, codeScoreHere);
        if (sc > statusScore) {
          statusAt = i;
          statusEnd = end;
          statusScore = sc;
        }
      }
    }
    if (n > 1) {
      Finding decisive = decisive(text, limit, at, score, n);
      if (decisive != null) {
        return decisive;
      }
    }
    ReplyCode code = codeAt < 0 ? null : ReplyCode.of(ReplyCode.digitsAt(text, codeAt));
    EnhancedStatus status = statusAt < 0 ? null : EnhancedStatus.at(text, statusAt, statusEnd);
    // A status whose class contradicts the code is kept only if it sits right after the code;
    // elsewhere in the text it belongs to something else (a quoted earlier attempt, a log field).
    if (code != null
        && status != null
        && statusScore < ADJACENT
        && status.classDigit() != code.value() / 100) {
      status = null;
    }
    int start = codeAt >= 0 ? codeAt : statusAt >= 0 ? statusAt : 0;
    String replyText = text.subSequence(start, limit).toString().strip();
    return new Finding(code, status, stage(text, limit), replyText, text.length() > limit);
  }

  private static final int MAX_CANDIDATES = 256;

  /**
   * The decisive reply among several candidates (see the class comment), or {@code null} when the
   * rule does not apply (no failing reply) and the single-reply choice stands.
   */
  private static Finding decisive(CharSequence text, int limit, int[] at, int[] score, int n) {
    int decisive = -1;
    int runStart = -1; // the first of the replies with the decisive one's code, since another
    boolean failedBefore = false;
    int insideUntil = -1; // the end of the quote the last quoted reply sits in
    boolean[] inQuote = new boolean[n];
    for (int k = 0; k < n; k++) {
      if (at[k] < insideUntil) {
        inQuote[k] = true;
        continue;
      }
      if (quoted(text, at[k])) {
        inQuote[k] = true;
        insideUntil = quoteEnd(text, at[k], limit);
        continue;
      }
      int value = ReplyCode.digitsAt(text, at[k]);
      if (!isReply(text, at, score, n, k) || value < 400) {
        continue;
      }
      boolean consequence =
          failedBefore && (value == 503 || statusSubjectDetail(text, at[k], limit) == 501);
      failedBefore = true;
      if (!consequence) {
        if (decisive < 0 || ReplyCode.digitsAt(text, at[decisive]) != value) {
          runStart = k;
        }
        decisive = k;
      }
    }
    if (decisive < 0) {
      return null;
    }
    int from = at[decisive];
    // The reply runs to the next unquoted reply.
    int to = limit;
    for (int k = decisive + 1; k < n; k++) {
      if (!inQuote[k] && isReply(text, at, score, n, k)) {
        to = at[k];
        break;
      }
    }
    ReplyCode code = ReplyCode.of(ReplyCode.digitsAt(text, from));
    EnhancedStatus status = adjacentStatus(text, from, limit);
    String cause = null;
    for (int k = decisive + 1; k < n && at[k] < to; k++) {
      if (inQuote[k]) {
        int end = quoteEnd(text, at[k], to);
        cause = text.subSequence(at[k], end).toString().strip();
        if (status == null) {
          EnhancedStatus inner = adjacentStatus(text, at[k], limit);
          if (inner != null && inner.classDigit() == code.value() / 100) {
            status = inner;
          }
        }
        break;
      }
    }
    if (status == null) {
      // "#550 5.1.1", "550 ... (#5.1.1)": a status inside this run of replies, of its class.
      for (int i = at[runStart] + 3; i < to; i++) {
        char c = text.charAt(i);
        if (c >= '2' && c <= '5' && boundaryBefore(text, i)) {
          int end = EnhancedStatus.scan(text, i, limit);
          if (end > 0 && boundaryAfterStatus(text, end, limit) && c - '0' == code.value() / 100) {
            status = EnhancedStatus.at(text, i, end);
            break;
          }
        }
      }
    }
    String replyText = text.subSequence(from, limit).toString().strip();
    return new Finding(
        code,
        status,
        stage(text, limit),
        replyText,
        text.length() > limit,
        cause,
        at[0],
        at[runStart] > at[0] ? at[runStart] : -1);
  }

  /** A code that starts a reply: with a status, at the start or after a delimiter, or repeated. */
  private static boolean isReply(CharSequence text, int[] at, int[] score, int n, int k) {
    if (score[k] >= 2) {
      return true;
    }
    for (int j = 0; j < n; j++) {
      if (j != k
          && text.charAt(at[j]) == text.charAt(at[k])
          && text.charAt(at[j] + 1) == text.charAt(at[k] + 1)
          && text.charAt(at[j] + 2) == text.charAt(at[k] + 2)) {
        return true;
      }
    }
    return false;
  }

  /** Right after a quote or an opening bracket: another server's reply that a reply wraps. */
  private static boolean quoted(CharSequence text, int i) {
    int j = i - 1;
    while (j >= 0 && text.charAt(j) == ' ') {
      j--;
    }
    if (j < 0) {
      return false;
    }
    char p = text.charAt(j);
    return p == '\'' || p == '"' || p == '<' || p == '(' || p == '[' || p == '`';
  }

  /** Where the quote that holds the reply at {@code i} closes, or {@code to}. */
  private static int quoteEnd(CharSequence text, int i, int to) {
    int j = i - 1;
    while (j >= 0 && text.charAt(j) == ' ') {
      j--;
    }
    char open = text.charAt(j);
    char close =
        switch (open) {
          case '<' -> '>';
          case '(' -> ')';
          case '[' -> ']';
          default -> open;
        };
    for (int k = i; k < to; k++) {
      if (text.charAt(k) == close) {
        return k;
      }
    }
    return to;
  }

  /** The status right after the code at {@code i} ({@code 550 5.1.1}, {@code 550-5.1.1}). */
  private static EnhancedStatus adjacentStatus(CharSequence text, int i, int limit) {
    if (i + 4 >= limit) {
      return null;
    }
    int end = EnhancedStatus.scan(text, i + 4, limit);
    if (end > 0
        && boundaryAfterStatus(text, end, limit)
        && CODE_SEPARATORS.indexOf(text.charAt(i + 3)) >= 0) {
      return EnhancedStatus.at(text, i + 4, end);
    }
    return null;
  }

  /** subject * 100 + detail of the status right after the code at {@code i}, or -1. */
  private static int statusSubjectDetail(CharSequence text, int i, int limit) {
    EnhancedStatus s = adjacentStatus(text, i, limit);
    return s == null ? -1 : s.subject() * 100 + s.detail();
  }

  /** The stage named by the text around the reply, {@link Stage#UNKNOWN} if none. */
  public static Stage stage(CharSequence text, int limit) {
    long[] hits = new long[STAGE_PHRASES.words()];
    STAGE_PHRASES.scan(text, 0, limit, hits);
    for (int w = 0; w < hits.length; w++) {
      if (hits[w] != 0) {
        return STAGE_OF_PHRASE[w * 64 + Long.numberOfTrailingZeros(hits[w])];
      }
    }
    return Stage.UNKNOWN;
  }

  private static final int ADJACENT = 4;

  /** What may follow a reply code: its separator, a line end, or a closing quote. */
  private static final String CODE_SEPARATORS = " -_\t\r\n>'\"";

  /** 0 if no code starts at {@code i}; higher scores for more reply-like positions. */
  private static int codeScore(CharSequence text, int i, int limit) {
    if (i + 3 > limit || ReplyCode.digitsAt(text, i) < 0) {
      return 0;
    }
    int after = i + 3;
    if (after < limit) {
      char next = text.charAt(after);
      if (next == ':' || next == ',') {
        // "550: User unknown" at the start of a text, "ERROR_CODE :550," after a delimiter; not
        // the groups of an IPv6 address ("2401:2500:102:3032").
        boolean leading = next == ':' ? startsText(text, i) : delimiterBefore(text, i);
        return leading ? 2 : 0;
      }
      if (CODE_SEPARATORS.indexOf(next) < 0) {
        return 0;
      }
      // "550-5.7.1", "550 5.1.1", "550_5.1.1": a status of the same class right after the code.
      int end = EnhancedStatus.scan(text, after + 1, limit);
      if (end > 0
          && boundaryAfterStatus(text, end, limit)
          && text.charAt(after + 1) == text.charAt(i)) {
        return 3;
      }
    }
    return delimiterBefore(text, i) ? 2 : 1;
  }

  private static int statusScore(CharSequence text, int i, int codeAt, int codeScoreHere) {
    if (codeAt >= 0 && i == codeAt + 4) {
      return ADJACENT;
    }
    if (i > 0 && text.charAt(i - 1) == '#') {
      return 3; // qmail "(#5.1.1)", Exchange "#5.1.1"
    }
    return codeScoreHere > 0 ? 1 : 2;
  }

  private static boolean boundaryBefore(CharSequence text, int i) {
    if (i == 0) {
      return true;
    }
    char p = text.charAt(i - 1);
    return !(Character.isLetterOrDigit(p) || p == '.' || p == '/' || p == '@');
  }

  private static boolean boundaryAfterStatus(CharSequence text, int end, int limit) {
    if (end >= limit) {
      return true;
    }
    char n = text.charAt(end);
    if (ReplyCode.isDigit(n) || Character.isLetter(n)) {
      return false;
    }
    // "4.16.55.1" or an IP address continues with ".digit"
    return !(n == '.' && end + 1 < limit && ReplyCode.isDigit(text.charAt(end + 1)));
  }

  private static boolean startsWithIgnoreCase(CharSequence text, String prefix) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return text.length() - i >= prefix.length()
        && text.subSequence(i, i + prefix.length()).toString().equalsIgnoreCase(prefix);
  }

  /** Only whitespace before position {@code i}. */
  private static boolean startsText(CharSequence text, int i) {
    for (int j = 0; j < i; j++) {
      if (!Character.isWhitespace(text.charAt(j))) {
        return false;
      }
    }
    return true;
  }

  private static boolean delimiterBefore(CharSequence text, int i) {
    int j = i - 1;
    while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '_')) {
      j--;
    }
    if (j < 0) {
      return true;
    }
    char p = text.charAt(j);
    return p == ':' || p == ';' || p == '#' || p == '\'' || p == '"' || p == '<' || p == '('
        || p == '[' || p == '=' || p == '>';
  }
}
