package io.github.smtpreply.metrics;

/**
 * Every name the binder gives Prometheus: meter names with their descriptions (the HELP text), tag
 * keys, and the {@code source} values of this project's inputs. Micrometer names are dotted;
 * Prometheus shows {@code smtp.replies} as {@code smtp_replies_total}.
 */
public final class SmtpReplyMeters {
  /** Counter: every SMTP outcome, one series per label combination (DESIGN.md). */
  public static final String REPLIES = "smtp.replies";

  public static final String REPLIES_HELP =
      "SMTP outcomes: replies received from servers, replies the local server sent (rejects),"
          + " and deliveries that got no reply (code none: timeouts, expiries)";

  /** Counter by {@code source} and {@code route}: outcomes that have no class. */
  public static final String UNCLASSIFIED = "smtp.replies.unclassified";

  public static final String UNCLASSIFIED_HELP =
      "SMTP outcomes with no code, no enhanced status and no known condition, so no class";

  /**
   * Counter by {@code source}: replies counted in an overflow series of {@link #REPLIES} because
   * the series limit was reached.
   */
  public static final String OVERFLOWED = "smtp.replies.overflowed";

  public static final String OVERFLOWED_HELP =
      "SMTP outcomes counted in an overflow series (code, enhanced, reason and stage other)"
          + " because smtp_replies_total reached its series limit";

  /** Gauge: how many {@code smtp.replies} series exist now, overflow series included. */
  public static final String SERIES = "smtp.replies.series";

  public static final String SERIES_HELP =
      "How many smtp_replies_total series exist, overflow series included";

  /** Gauge: the most {@code smtp.replies} series there can be. */
  public static final String SERIES_LIMIT = "smtp.replies.series.limit";

  public static final String SERIES_LIMIT_HELP =
      "The most smtp_replies_total series there can be; beyond, replies fold into overflow series";

  /**
   * Gauge, always 1 (opt-in): one row per value that {@code code} or {@code enhanced} of {@link
   * #REPLIES} can take, {@code none} and {@code other} aside, with its catalog name and class.
   */
  public static final String CODE_INFO = "smtp.code.info";

  public static final String CODE_INFO_HELP =
      "One row (value 1) per reply code and enhanced status that smtp_replies_total can count,"
          + " with the catalog's name and the class its first digit gives; join on code";

  /** Gauge, always 1, registered by the exporter app: its version and the Java it runs on. */
  public static final String BUILD_INFO = "smtp.reply.build.info";

  public static final String BUILD_INFO_HELP =
      "The smtp-reply exporter's version and the Java runtime version; always 1";

  /** The version of the exporter, on {@link #BUILD_INFO}. */
  public static final String VERSION = "version";

  /** The Java runtime version, on {@link #BUILD_INFO}. */
  public static final String JAVA_VERSION = "java_version";

  /** Basic reply code ({@code 550}), {@code none} or {@code other}. */
  public static final String CODE = "code";

  /** {@code success}, {@code intermediate}, {@code transient}, {@code permanent}. */
  public static final String CLASS = "class";

  /** Enhanced status ({@code 5.1.1}), {@code none} or {@code other}. */
  public static final String ENHANCED = "enhanced";

  /** Bounce reason ({@code user_unknown}); {@code other} only in overflow series. */
  public static final String REASON = "reason";

  /** Dialogue stage ({@code rcpt}); {@code other} only in overflow series. */
  public static final String STAGE = "stage";

  /** What saw the reply: one of the {@code SOURCE_} values or the caller's. */
  public static final String SOURCE = "source";

  /** The Camel route id or MTA transport, or {@code none}. */
  public static final String ROUTE = "route";

  /** The catalog title of a code, on {@link #CODE_INFO} only (a display text, not snake_case). */
  public static final String NAME = "name";

  /** The label value of an absent code, status, source or route. */
  public static final String NONE = "none";

  /** The label value beyond a bounded set, and of the fields an overflow series folds. */
  public static final String OTHER = "other";

  /** Replies read from bounce messages (DSNs). */
  public static final String SOURCE_DSN = "dsn";

  /** Replies a Camel mail endpoint received. */
  public static final String SOURCE_CAMEL = "camel";

  /** Replies read from a Postfix log. */
  public static final String SOURCE_POSTFIX = "postfix";

  /** Replies read from an Exim main log. */
  public static final String SOURCE_EXIM = "exim";

  /** Replies read from a Sendmail log ({@code stat=}, {@code dsn=}, {@code reply=}). */
  public static final String SOURCE_SENDMAIL = "sendmail";

  /** Replies read from an OpenSMTPD log ({@code result=}, {@code stat=}). */
  public static final String SOURCE_OPENSMTPD = "opensmtpd";

  private SmtpReplyMeters() {}
}
