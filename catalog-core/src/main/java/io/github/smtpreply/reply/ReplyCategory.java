package io.github.smtpreply.reply;

import io.github.smtpreply.text.WireLabel;

/**
 * The category of a basic reply code: its second digit (RFC 5321 §4.2.1). Digits 3 and 4 are left
 * unspecified by the RFC; 6–9 are outside the standard (seen in the wild, e.g. {@code 571}).
 */
public enum ReplyCategory implements WireLabel {
  SYNTAX("syntax"),
  INFORMATION("information"),
  CONNECTIONS("connections"),
  UNSPECIFIED_3("unspecified"),
  UNSPECIFIED_4("unspecified"),
  MAIL_SYSTEM("mail_system"),
  NONSTANDARD("non_standard");

  private final String label;

  ReplyCategory(String label) {
    this.label = label;
  }

  /** The category for a second digit. */
  public static ReplyCategory ofDigit(int digit) {
    return switch (digit) {
      case 0 -> SYNTAX;
      case 1 -> INFORMATION;
      case 2 -> CONNECTIONS;
      case 3 -> UNSPECIFIED_3;
      case 4 -> UNSPECIFIED_4;
      case 5 -> MAIL_SYSTEM;
      default -> NONSTANDARD;
    };
  }

  @Override
  public String label() {
    return label;
  }
}
