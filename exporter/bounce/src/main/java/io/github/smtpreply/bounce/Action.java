package io.github.smtpreply.bounce;

import java.util.Locale;

/** What a report says happened to one recipient: the RFC 3464 Action field, and two more kinds. */
public enum Action {
  FAILED,
  DELAYED,
  DELIVERED,
  RELAYED,
  EXPANDED,
  /** A feedback report (ARF, RFC 5965): a complaint about a message, not a delivery outcome. */
  FEEDBACK,
  /** An automatic reply (RFC 3834), such as a vacation notice: the mail was delivered. */
  AUTO_REPLIED;

  private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /**
   * The TSV label: the RFC 3464 keyword ({@code failed}, …), {@code feedback}, {@code
   * auto-replied}.
   */
  public String label() {
    return label;
  }

  /** The action named by an RFC 3464 Action value (case and comments ignored), or {@code null}. */
  public static Action ofField(String value) {
    String word = value.strip();
    int end = 0;
    while (end < word.length() && Character.isLetter(word.charAt(end))) {
      end++;
    }
    return switch (word.substring(0, end).toLowerCase(Locale.ROOT)) {
      case "failed", "failure" -> FAILED;
      case "delayed" -> DELAYED;
      case "delivered" -> DELIVERED;
      case "relayed" -> RELAYED;
      case "expanded" -> EXPANDED;
      default -> null;
    };
  }

  /** False for feedback reports and auto-replies, which say nothing of a delivery attempt. */
  public boolean isDeliveryOutcome() {
    return this != FEEDBACK && this != AUTO_REPLIED;
  }

  /** True for the outcomes that are bounces: a failure or a delay. */
  public boolean isBounce() {
    return this == FAILED || this == DELAYED;
  }
}
