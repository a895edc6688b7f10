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
 * address, a host name, a date or a longer number). When several are present, a code followed by an
 * enhanced status of the same class wins, then a code after a delimiter such as {@code :} or {@code
 * ;}, then the first.
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

  /** Finds the reply in {@code text}; an empty finding when there is none. */
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
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < '2' || c > '5' || !boundaryBefore(text, i)) {
        continue;
      }
      // A hyphen may precede a status ("550-5.7.1") but not a code ("SC-004", "NN-222").
      boolean afterHyphen = i > 0 && text.charAt(i - 1) == '-';
      int codeScoreHere = afterHyphen ? 0 : codeScore(text, i, limit);
      if (codeScoreHere > codeScore) {
        codeAt = i;
        codeScore = codeScoreHere;
      }
      int end = EnhancedStatus.scan(text, i, limit);
      if (end > 0 && boundaryAfterStatus(text, end, limit)) {
        int score = statusScore(text, i, codeAt, codeScoreHere);
        if (score > statusScore) {
          statusAt = i;
          statusEnd = end;
          statusScore = score;
        }
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
