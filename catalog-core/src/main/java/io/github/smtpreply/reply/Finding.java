package io.github.smtpreply.reply;

/**
 * What the lenient finder found in free text: a reply code and enhanced status where present, the
 * stage where the surrounding text names the command, and the reply text.
 *
 * @param code the basic reply code, or {@code null} when the text has none
 * @param enhanced the enhanced status, or {@code null} when the text has none
 * @param stage the command the reply answered, {@link Stage#UNKNOWN} when not named
 * @param text the reply text from the code (or status) on; the whole input when neither was found
 * @param truncated true when the input was longer than {@link ReplyFinder#MAX_SCAN} and only its
 *     start was read
 * @param cause the reply that the decisive one quotes (another server's, in quotes or angle
 *     brackets: {@code 554 4.4.7 Message expired <421 4.4.2 Connection timed out>}), from its code
 *     on; {@code null} when it quotes none. See {@link ReplyFinder} for the rule.
 * @param contextEnd where the text before the first reply ends (its context: "host X said:"), or -1
 *     when the text holds one reply
 * @param replyAt where the decisive reply starts when the text holds several, or -1: readers take
 *     its wording from the context and from here on, not from the replies before it
 */
public record Finding(
    ReplyCode code,
    EnhancedStatus enhanced,
    Stage stage,
    String text,
    boolean truncated,
    String cause,
    int contextEnd,
    int replyAt) {

  /** A finding without a quoted cause. */
  public Finding(
      ReplyCode code, EnhancedStatus enhanced, Stage stage, String text, boolean truncated) {
    this(code, enhanced, stage, text, truncated, null, -1, -1);
  }

  /** This finding with another code and status (a report's Status field, a log's dsn=). */
  public Finding withReply(ReplyCode code, EnhancedStatus enhanced) {
    return new Finding(code, enhanced, stage, text, truncated, cause, contextEnd, replyAt);
  }
}
