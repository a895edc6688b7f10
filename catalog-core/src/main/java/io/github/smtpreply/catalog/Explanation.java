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
    String description,
    String whenYouSeeIt,
    String howToFix,
    Language language,
    boolean fallback) {}
