package io.github.smtpreply.catalog;

/** Test catalogs for other packages' tests. */
public final class CatalogAccess {
  private CatalogAccess() {}

  /** The standard catalog with the Japanese text of 551 removed. */
  public static Catalog withoutJapanese551() {
    return CatalogTest.withoutJapanese551();
  }
}
