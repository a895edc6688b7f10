package io.github.smtpreply.reply;

import io.github.smtpreply.text.Echo;

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
    String shown = Echo.of(input, ECHO_LIMIT);
    int cut = input.length() > ECHO_LIMIT ? shown.lastIndexOf(" … (") : -1;
    return cut < 0 ? '"' + shown + '"' : '"' + shown.substring(0, cut) + '"' + shown.substring(cut);
  }
}
