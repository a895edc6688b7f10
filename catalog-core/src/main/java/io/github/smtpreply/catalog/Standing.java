package io.github.smtpreply.catalog;

import java.util.Locale;

/** Where a code comes from. */
public enum Standing {
  /** Defined in the text of an RFC. */
  RFC,
  /** Exists only through the IANA enhanced-status registry's associated basic codes. */
  REGISTRY,
  /** From an Internet-Draft or a non-standard source; not part of any RFC. */
  DRAFT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Standing ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
