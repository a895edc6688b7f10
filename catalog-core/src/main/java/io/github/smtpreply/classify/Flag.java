package io.github.smtpreply.classify;

/** Remarks on a classification that a caller may want to act on or show. */
public enum Flag {
  /** The enhanced status's class digit contradicts the basic code; the basic code decided. */
  CLASS_CONFLICT,
  /** A rule changed the class the code gives (e.g. RFC 5321 §4.5.3.1.10, 552 to RCPT). */
  CLASS_OVERRIDDEN,
  /** The enhanced status was not in the reply; it was assigned from the code or the text. */
  STATUS_ASSIGNED,
  /** The reply's lines carried different codes. */
  MIXED_CODES,
  /**
   * Neither code nor status said the class; the report around the reply did (a bounce that gave up
   * is permanent, one that will retry is transient).
   */
  CLASS_FROM_REPORT,
  /** The input was longer than the finder reads; only its start was classified. */
  TRUNCATED
}
