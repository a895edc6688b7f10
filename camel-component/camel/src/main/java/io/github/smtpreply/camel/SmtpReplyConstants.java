package io.github.smtpreply.camel;

import org.apache.camel.spi.Metadata;

/**
 * The exchange headers this component sets. All start with {@code Camel}, so camel-mail never
 * copies them into the next outgoing message.
 */
public final class SmtpReplyConstants {
  @Metadata(
      label = "producer",
      description =
          "The basic reply code of the reply that decided the send (250, 451, 550, ...), or none when"
              + " no reply came (connection refused, timeout, connection lost).",
      javaType = "String")
  public static final String CODE = "CamelSmtpReplyCode";

  @Metadata(
      label = "producer",
      description =
          "The RFC 3463 enhanced status: as the server sent it, else the one MTAs assign for the code"
              + " and text (4.4.1 for no answer from the host), or none.",
      javaType = "String")
  public static final String ENHANCED_STATUS = "CamelSmtpReplyEnhancedStatus";

  @Metadata(
      label = "producer",
      description = "The reply text as the server sent it (multi-line replies joined by newlines).",
      javaType = "String")
  public static final String TEXT = "CamelSmtpReplyText";

  @Metadata(
      label = "producer",
      description =
          "success, transient, permanent or partial (some recipients got the message, others did"
              + " not); unknown when the connection was lost after the end of DATA.",
      javaType = "String")
  public static final String CLASS = "CamelSmtpReplyClass";

  @Metadata(
      label = "producer",
      description =
          "The SMTP stage the reply answered: connect, greeting, helo, starttls, auth, mail, rcpt,"
              + " data, quit.",
      javaType = "String")
  public static final String STAGE = "CamelSmtpReplyStage";

  @Metadata(
      label = "producer",
      description =
          "The bounce reason (user_unknown, mailbox_full, greylisted, ...); none for success.",
      javaType = "String")
  public static final String REASON = "CamelSmtpReplyReason";

  @Metadata(
      label = "producer",
      description = "The explanation page of the code: the configured base URL + /codes/{code}.",
      javaType = "String")
  public static final String EXPLANATION_URL = "CamelSmtpReplyExplanationUrl";

  @Metadata(
      label = "producer",
      description =
          "One entry per recipient the server answered at RCPT: address, code, enhanced, class, text.",
      javaType = "java.util.List<java.util.Map<String, String>>")
  public static final String RECIPIENTS = "CamelSmtpReplyRecipients";

  @Metadata(
      label = "consumer",
      description =
          "What the mail read from an imap:/pop3: mailbox is: delivery_status, text_bounce,"
              + " feedback, auto_reply, or not_understood (not a bounce the reader knows; passed on"
              + " unchanged).",
      javaType = "String")
  public static final String DSN_KIND = "CamelSmtpDsnKind";

  @Metadata(
      label = "consumer",
      description =
          "The format recognised: rfc3464, rfc6533, arf, rfc3834, or a text format (qmail, exim,"
              + " ...); none when not understood.",
      javaType = "String")
  public static final String DSN_FORMAT = "CamelSmtpDsnFormat";

  @Metadata(
      label = "consumer",
      description =
          "The class of the bounce's worst recipient: permanent, transient, success; unknown when"
              + " no recipient was read.",
      javaType = "String")
  public static final String DSN_CLASS = "CamelSmtpDsnClass";

  @Metadata(
      label = "consumer",
      description =
          "The reason of the bounce's first failed recipient (user_unknown, ...), or none.",
      javaType = "String")
  public static final String DSN_REASON = "CamelSmtpDsnReason";

  @Metadata(
      label = "consumer",
      description =
          "One entry per recipient: recipient, action, status, code, class, reason, diagnostic,"
              + " remote_mta.",
      javaType = "java.util.List<java.util.Map<String, String>>")
  public static final String DSN_RECIPIENTS = "CamelSmtpDsnRecipients";

  @Metadata(
      label = "consumer",
      description =
          "Why the message was not understood, or what was cut short reading it; absent when nothing.",
      javaType = "String")
  public static final String DSN_PROBLEM = "CamelSmtpDsnProblem";

  private SmtpReplyConstants() {}
}
