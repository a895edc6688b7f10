package io.github.smtpreply.bounce;

import io.github.smtpreply.text.WireLabel;
import java.util.Locale;
import java.util.Optional;

/** What a report says happened to one recipient: the RFC 3464 Action field, and two more kinds. */
public enum Action implements WireLabel {
  FAILED,
  DELAYED,
  DELIVERED,
  RELAYED,
  EXPANDED,
  /** A feedback report (ARF, RFC 5965): a complaint about a message, not a delivery outcome. */
  FEEDBACK,
  /** An automatic reply (RFC 3834), such as a vacation notice: the mail was delivered. */
  AUTO_REPLIED;

  private final String label = WireLabel.of(name());

  /**
   * The label: the RFC 3464 keyword ({@code failed}, …), {@code feedback}, {@code auto_replied}.
   */
  @Override
  public String label() {
    return label;
  }

  public static Optional<Action> ofLabel(String label) {
    return WireLabel.find(values(), label);
  }

  /** The action an RFC 3464 Action field names (case and comments ignored). */
  public static Optional<Action> ofField(String value) {
    String word = value.strip();
    int end = 0;
    while (end < word.length() && Character.isLetter(word.charAt(end))) {
      end++;
    }
    String keyword = word.substring(0, end).toLowerCase(Locale.ROOT);
    if (keyword.equals("failure")) {
      return Optional.of(FAILED); // not RFC 3464's keyword, but some MTAs write it
    }
    return ofLabel(keyword).filter(Action::isDeliveryOutcome);
  }

  /**
   * True for the five RFC 3464 actions; false for feedback reports and auto-replies, which say
   * nothing of a delivery attempt.
   */
  public boolean isDeliveryOutcome() {
    return this != FEEDBACK && this != AUTO_REPLIED;
  }

  /** True for the outcomes that are bounces: a failure or a delay. */
  public boolean isBounce() {
    return this == FAILED || this == DELAYED;
  }
}
