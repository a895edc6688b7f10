package io.github.smtpreply.catalog;

import io.github.smtpreply.text.WireLabel;
import java.util.Optional;

/** Where a code comes from. */
public enum Standing implements WireLabel {
  /** Defined in the text of an RFC. */
  RFC,
  /** Exists only through the IANA enhanced-status registry's associated basic codes. */
  REGISTRY,
  /** From an Internet-Draft or a non-standard source; not part of any RFC. */
  DRAFT;

  @Override
  public String label() {
    return WireLabel.of(name());
  }

  public static Optional<Standing> ofLabel(String label) {
    return WireLabel.find(values(), label);
  }
}
