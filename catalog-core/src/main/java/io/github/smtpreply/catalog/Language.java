package io.github.smtpreply.catalog;

import java.util.Locale;
import java.util.Optional;

/** The languages explanations are written in. */
public enum Language {
  EN("English"),
  VI("Tiếng Việt"),
  JA("日本語"),
  ZH("中文");

  private final String tag = name().toLowerCase(Locale.ROOT);
  private final String nativeName;

  Language(String nativeName) {
    this.nativeName = nativeName;
  }

  /** The BCP 47 tag: {@code en}, {@code vi}, {@code ja}, {@code zh}. */
  public String tag() {
    return tag;
  }

  /** The language's name in itself, for a language switch. */
  public String nativeName() {
    return nativeName;
  }

  /** The language of a tag such as {@code vi} or {@code zh-CN}; empty if not supported. */
  public static Optional<Language> ofTag(String tag) {
    String primary = tag.strip().toLowerCase(Locale.ROOT);
    int dash = primary.indexOf('-');
    if (dash > 0) {
      primary = primary.substring(0, dash);
    }
    for (Language language : values()) {
      if (language.tag.equals(primary)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
