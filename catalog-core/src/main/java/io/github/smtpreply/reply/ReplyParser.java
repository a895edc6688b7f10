package io.github.smtpreply.reply;

import io.github.smtpreply.reply.ReplyFormatException.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict parser: a reply exactly as a server sends it (RFC 5321 §4.2). Lines end in CRLF or LF;
 * every line but the last has {@code -} after the code, the last a space or nothing. An enhanced
 * status (RFC 2034) at the start of a line's text is taken off the line.
 */
public final class ReplyParser {
  /** Longest input accepted: 64 KiB, far above RFC 5321's 512 octets per line. */
  public static final int MAX_LENGTH = 64 * 1024;

  private ReplyParser() {}

  /**
   * Parses one complete reply.
   *
   * @throws ReplyFormatException naming the problem and echoing the input when it is not a reply
   */
  public static Reply parse(CharSequence wire) throws ReplyFormatException {
    return (Reply) parse(wire, null, true);
  }

  /**
   * What a caller that needs no {@link Reply} receives: the code of the final line, the first
   * enhanced status, the text of all lines joined by a space (as {@link Reply#text()}), and whether
   * the lines' codes differed.
   */
  @FunctionalInterface
  public interface Parts<R> {
    R accept(ReplyCode code, EnhancedStatus enhanced, String text, boolean mixedCodes);
  }

  /**
   * Parses one complete reply as {@link #parse(CharSequence)} does, with the same exceptions, and
   * hands its parts to {@code parts} instead of building a {@link Reply}: a one-line reply then
   * costs only its text.
   */
  public static <R> R parse(CharSequence wire, Parts<R> parts) throws ReplyFormatException {
    @SuppressWarnings("unchecked")
    R result = (R) parse(wire, parts, false);
    return result;
  }

  private static Object parse(CharSequence wire, Parts<?> parts, boolean reply)
      throws ReplyFormatException {
    int length = wire.length();
    if (length == 0) {
      throw new ReplyFormatException(Problem.EMPTY, "empty reply", wire);
    }
    if (length > MAX_LENGTH) {
      throw new ReplyFormatException(
          Problem.TOO_LONG, "reply longer than " + MAX_LENGTH + " characters", wire);
    }
    // Drop one final line terminator: "250 OK\r\n" and "250 OK" are the same reply.
    if (wire.charAt(length - 1) == '\n') {
      length--;
      if (length > 0 && wire.charAt(length - 1) == '\r') {
        length--;
      }
    }
    ReplyCode first = null;
    ReplyCode last = null;
    EnhancedStatus enhanced = null;
    boolean mixed = false;
    List<String> lines = null;
    String only = null;
    int start = 0;
    while (true) {
      int end = lineEnd(wire, start, length);
      // Each line: three digits, then '-' (more lines follow), ' ' or the end of the line.
      if (end - start < 3) {
        throw new ReplyFormatException(
            Problem.NOT_A_CODE, "line does not start with a three-digit code", wire);
      }
      ReplyCode code = codeAt(wire, start);
      boolean more = end > start + 3 && wire.charAt(start + 3) == '-';
      if (end > start + 3 && !more && wire.charAt(start + 3) != ' ') {
        throw new ReplyFormatException(
            Problem.BAD_SEPARATOR, "code must be followed by a space, '-' or the line end", wire);
      }
      boolean lastLine = end == length;
      if (more && lastLine) {
        throw new ReplyFormatException(
            Problem.UNTERMINATED_MULTILINE, "last line continues with '-'", wire);
      }
      if (!more && !lastLine) {
        throw new ReplyFormatException(
            Problem.BAD_SEPARATOR, "only the last line may have a space after the code", wire);
      }
      if (first == null) {
        first = code;
      } else if (code != first) {
        mixed = true;
      }
      last = code;
      int textStart = Math.min(start + 4, end);
      int statusEnd = EnhancedStatus.scan(wire, textStart, end);
      if (statusEnd > 0 && (statusEnd == end || wire.charAt(statusEnd) == ' ')) {
        if (enhanced == null) {
          enhanced = EnhancedStatus.at(wire, textStart, statusEnd);
        }
        textStart = Math.min(statusEnd + 1, end);
      }
      String text = wire.subSequence(textStart, end).toString();
      if (lastLine && lines == null) {
        only = text;
      } else {
        if (lines == null) {
          lines = new ArrayList<>(4);
        }
        lines.add(text);
      }
      if (lastLine) {
        break;
      }
      start = wire.charAt(end) == '\r' ? end + 2 : end + 1;
    }
    if (reply) {
      return new Reply(last, enhanced, lines == null ? List.of(only) : lines, mixed);
    }
    return parts.accept(last, enhanced, lines == null ? only : String.join(" ", lines), mixed);
  }

  private static int lineEnd(CharSequence wire, int start, int length) throws ReplyFormatException {
    if (start == 0 && wire instanceof String s) {
      // The first line only: each search may run to the end of the text, so not once per line.
      return lineEnd(s, start, length);
    }
    for (int i = start; i < length; i++) {
      char c = wire.charAt(i);
      if (c == '\n') {
        return i > start && wire.charAt(i - 1) == '\r' ? i - 1 : i;
      }
      if (c == '\r' && (i + 1 >= length || wire.charAt(i + 1) != '\n')) {
        throw new ReplyFormatException(Problem.CONTROL_CHARACTER, "bare CR inside reply", wire);
      }
      if (c == 0) {
        throw new ReplyFormatException(Problem.CONTROL_CHARACTER, "NUL inside reply", wire);
      }
    }
    return length;
  }

  /**
   * The same as the loop over characters, by String's vectorised searches: the line end, its CR and
   * any NUL are found without a branch per character.
   */
  private static int lineEnd(String wire, int start, int length) throws ReplyFormatException {
    int lf = wire.indexOf('\n', start);
    if (lf < 0 || lf >= length) {
      lf = length;
    }
    int cr = wire.indexOf('\r', start);
    // A CR is allowed only just before a line feed inside the reply.
    int bareCr = cr < 0 || cr >= lf || (cr == lf - 1 && lf < length) ? -1 : cr;
    int nul = wire.indexOf(0, start);
    if (nul >= lf) {
      nul = -1;
    }
    if (bareCr >= 0 && (nul < 0 || bareCr < nul)) {
      throw new ReplyFormatException(Problem.CONTROL_CHARACTER, "bare CR inside reply", wire);
    }
    if (nul >= 0) {
      throw new ReplyFormatException(Problem.CONTROL_CHARACTER, "NUL inside reply", wire);
    }
    return lf > start && lf < length && wire.charAt(lf - 1) == '\r' ? lf - 1 : lf;
  }

  private static ReplyCode codeAt(CharSequence wire, int start) throws ReplyFormatException {
    int value = ReplyCode.digitsAt(wire, start);
    if (value < 0) {
      throw new ReplyFormatException(
          Problem.NOT_A_CODE, "line does not start with a three-digit code", wire);
    }
    if (start + 3 < wire.length() && ReplyCode.isDigit(wire.charAt(start + 3))) {
      throw new ReplyFormatException(Problem.NOT_A_CODE, "code longer than three digits", wire);
    }
    if (!ReplyCode.isValid(value)) {
      throw new ReplyFormatException(
          Problem.CODE_OUT_OF_RANGE, "a reply code starts with 2, 3, 4 or 5", wire);
    }
    return ReplyCode.of(value);
  }
}
