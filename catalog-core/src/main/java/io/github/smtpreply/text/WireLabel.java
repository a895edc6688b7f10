package io.github.smtpreply.text;

import java.util.Locale;
import java.util.Optional;

/**
 * A value with a label that goes on the wire: a metric label, a TSV column, a JSON field, a rule
 * file. Labels are lower snake_case ({@code user_unknown}, {@code auto_replied}); an enum's label
 * is its constant's name in lower case unless the enum says otherwise.
 *
 * <p>The one lookup convention: {@code ofLabel(String)} on each such enum returns an {@link
 * Optional}, empty for a label it does not know, never {@code null} and never a stand-in value; the
 * caller decides what an unknown label means.
 */
public interface WireLabel {
  /** The label, lower snake_case. */
  String label();

  /**
   * The label of an enum constant named {@code name}: {@code USER_UNKNOWN} → {@code user_unknown}.
   */
  static String of(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The value among {@code values} whose label is exactly {@code label}. */
  static <E extends WireLabel> Optional<E> find(E[] values, String label) {
    for (E value : values) {
      if (value.label().equals(label)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
