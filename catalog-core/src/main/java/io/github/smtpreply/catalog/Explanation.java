package io.github.smtpreply.catalog;

/**
 * The operator's explanation of a code.
 *
 * @param description what the code means
 * @param whenYouSeeIt the situations in which it is seen, as full sentences
 * @param howToFix concrete next steps and who has to act
 * @param language the language the text is in
 * @param fallback true when the requested language had no text and this is the English text
 */
public record Explanation(
    String description, String whenYouSeeIt, String howToFix, Language language, boolean fallback) {
  /**
   * One piece of explanatory text.
   *
   * @param text the text
   * @param language the language it is in
   * @param fallback true when it is the English text standing in for a missing translation
   */
  public record Text(String text, Language language, boolean fallback) {}
}
