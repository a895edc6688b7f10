package io.github.smtpreply.explain;

import java.util.Locale;
import java.util.Optional;

/** The output formats of explanation pages. */
public enum Format {
  TEXT("text"),
  MARKDOWN("md"),
  HTML("html"),
  JSON("json");

  private final String label;

  Format(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** {@code text}, {@code md} (or {@code markdown}), {@code html}, {@code json}. */
  public static Optional<Format> ofLabel(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.label.equals(l)) {
        return Optional.of(f);
      }
    }
    return l.equals("markdown") ? Optional.of(MARKDOWN) : Optional.empty();
  }

  /** Writes the document in this format. */
  public String render(Document doc) {
    return switch (this) {
      case TEXT -> PlainWriters.text(doc);
      case MARKDOWN -> PlainWriters.markdown(doc);
      case HTML -> HtmlWriter.write(doc);
      case JSON -> JsonWriter.write(doc);
    };
  }
}
