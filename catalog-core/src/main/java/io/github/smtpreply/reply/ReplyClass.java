package io.github.smtpreply.reply;

import io.github.smtpreply.text.WireLabel;
import java.util.Optional;

/**
 * The class of a reply: the first digit of a basic reply code (RFC 5321 §4.2.1) or of an enhanced
 * status code (RFC 3463 §2). {@link #UNKNOWN} is used only when neither a code nor a status was
 * found.
 */
public enum ReplyClass implements WireLabel {
  SUCCESS(2),
  INTERMEDIATE(3),
  TRANSIENT(4),
  PERMANENT(5),
  UNKNOWN(0);

  private static final ReplyClass[] BY_DIGIT = {
    UNKNOWN,
    UNKNOWN,
    SUCCESS,
    INTERMEDIATE,
    TRANSIENT,
    PERMANENT,
    UNKNOWN,
    UNKNOWN,
    UNKNOWN,
    UNKNOWN
  };

  private final int digit;
  private final String label;

  ReplyClass(int digit) {
    this.digit = digit;
    this.label = WireLabel.of(name());
  }

  /** The class for a first digit; {@link #UNKNOWN} for digits outside 2–5. */
  public static ReplyClass ofDigit(int digit) {
    return digit >= 0 && digit <= 9 ? BY_DIGIT[digit] : UNKNOWN;
  }

  /** The label used in metrics and TSV output: {@code success}, {@code transient}, … */
  public static Optional<ReplyClass> ofLabel(String label) {
    return WireLabel.find(values(), label);
  }

  @Override
  public String label() {
    return label;
  }

  /** The first digit of codes in this class, or 0 for {@link #UNKNOWN}. */
  public int digit() {
    return digit;
  }
}
