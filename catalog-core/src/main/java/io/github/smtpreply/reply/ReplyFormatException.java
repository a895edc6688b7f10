package io.github.smtpreply.reply;

/**
 * Thrown by the strict parsers when input is not a well-formed SMTP reply, code or status. The
 * message names the problem first and echoes (an excerpt of) the input.
 */
public final class ReplyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How much of the input the message echoes; a 1 MB line is echoed as its start. */
  static final int ECHO_LIMIT = 120;

  /** What was wrong, for callers that branch on it. */
  public enum Problem {
    EMPTY,
    NOT_A_CODE,
    CODE_OUT_OF_RANGE,
    BAD_SEPARATOR,
    NOT_A_STATUS,
    STATUS_OUT_OF_RANGE,
    UNTERMINATED_MULTILINE,
    TOO_LONG,
    CONTROL_CHARACTER
  }

  private final Problem problem;
  private final String input;

  public ReplyFormatException(Problem problem, String detail, CharSequence input) {
    super(detail + ": " + echo(input));
    this.problem = problem;
    this.input = echo(input);
  }

  public Problem problem() {
    return problem;
  }

  /** The offending input, shortened to its first {@value #ECHO_LIMIT} characters and quoted. */
  public String input() {
    return input;
  }

  static String echo(CharSequence input) {
    StringBuilder out = new StringBuilder(ECHO_LIMIT + 16).append('"');
    int end = Math.min(input.length(), ECHO_LIMIT);
    for (int i = 0; i < end; i++) {
      char c = input.charAt(i);
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (input.length() > ECHO_LIMIT) {
      out.append(" … (").append(input.length()).append(" chars)");
    }
    return out.toString();
  }
}
