package io.github.smtpreply.catalog;

/**
 * A provider's use of a code that differs from, or is narrower than, its registry meaning: shown on
 * the code's page as "seen in the wild".
 *
 * @param id key of the meaning in {@code variants_<lang>.properties}
 * @param code the catalog id the variant belongs to ({@code X.7.27}, {@code 550})
 * @param provider who sends it ({@code Gmail})
 * @param reply a real reply text
 */
public record Variant(String id, String code, String provider, String reply) {}
