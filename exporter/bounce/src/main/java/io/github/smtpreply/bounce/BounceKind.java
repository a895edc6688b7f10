package io.github.smtpreply.bounce;

import io.github.smtpreply.text.WireLabel;
import java.util.Optional;

/** What kind of message the reader was given. */
public enum BounceKind implements WireLabel {
  /**
   * A structured delivery report: an RFC 3464 (or RFC 6533) delivery status notification, or a
   * provider's machine-readable notice (Amazon SES JSON).
   */
  DELIVERY_STATUS,
  /** A bounce in one of the non-standard text formats (qmail, Exim, Exchange, providers, …). */
  TEXT_BOUNCE,
  /** A feedback report (ARF, RFC 5965) or a provider's complaint notice: not a bounce. */
  FEEDBACK,
  /** An automatic reply (RFC 3834), such as a vacation notice: not a bounce. */
  AUTO_REPLY,
  /** Nothing the reader understands; {@link Bounce#problem()} says why. */
  NOT_UNDERSTOOD;

  private final String label = WireLabel.of(name());

  @Override
  public String label() {
    return label;
  }

  public static Optional<BounceKind> ofLabel(String label) {
    return WireLabel.find(values(), label);
  }
}
