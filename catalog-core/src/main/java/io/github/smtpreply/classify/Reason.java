package io.github.smtpreply.classify;

import io.github.smtpreply.text.WireLabel;
import java.util.Optional;

/**
 * Why a message was not delivered: the bounce-reason taxonomy (documented in docs/reasons.md). Each
 * reason names the sisimai reason it corresponds to, so results can be compared with that
 * classifier.
 */
public enum Reason implements WireLabel {
  /** Delivered or accepted: the reason of every success and intermediate reply. */
  NONE("delivered"),
  USER_UNKNOWN("userunknown"),
  MAILBOX_FULL("mailboxfull"),
  MAILBOX_DISABLED("suspend"),
  HAS_MOVED("hasmoved"),
  MESSAGE_TOO_BIG("mesgtoobig"),
  SIZE_LIMIT_EXCEEDED("exceedlimit"),
  RATE_LIMITED("speeding"),
  TOO_MANY_CONNECTIONS("toomanyconn"),
  BLOCKED("blocked"),
  BAD_REPUTATION("badreputation"),
  REVERSE_DNS("requireptr"),
  SPAM("spamdetected"),
  VIRUS("virusdetected"),
  CONTENT_REJECTED("contenterror"),
  POLICY("policyviolation"),
  SENDER_AUTH("authfailure"),
  AUTH_REQUIRED("securityerror"),
  TLS_REQUIRED("failedstarttls"),
  RELAY_DENIED("norelaying"),
  SENDER_REJECTED("rejected"),
  FILTERED("filtered"),
  HOST_UNKNOWN("hostunknown"),
  NOT_ACCEPTING("notaccept"),
  NETWORK("networkerror"),
  EXPIRED("expired"),
  GREYLISTED("undefined"),
  SYSTEM_ERROR("systemerror"),
  SYSTEM_FULL("systemfull"),
  MAILER_ERROR("mailererror"),
  SYNTAX("syntaxerror"),
  NOT_RFC_COMPLIANT("notcompliantrfc"),
  ON_HOLD("onhold"),
  AUTO_REPLY("vacation"),
  FEEDBACK("feedback"),
  UNKNOWN("undefined");

  private final String label = WireLabel.of(name());
  private final String sisimai;

  Reason(String sisimai) {
    this.sisimai = sisimai;
  }

  /** The metric and TSV label: {@code user_unknown}, {@code mailbox_full}, … */
  @Override
  public String label() {
    return label;
  }

  /** The sisimai reason name this reason corresponds to. */
  public String sisimai() {
    return sisimai;
  }

  /** The reason with this label, or {@code null}. */
  public static Optional<Reason> ofLabel(String label) {
    return WireLabel.find(values(), label);
  }
}
