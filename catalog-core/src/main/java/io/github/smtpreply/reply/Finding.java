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
 */
public record Finding(
    ReplyCode code, EnhancedStatus enhanced, Stage stage, String text, boolean truncated) {}
