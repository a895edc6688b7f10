package io.github.smtpreply.input;

/**
 * The names, descriptions and tag keys of the meters the exporter's inputs register, in one place
 * (the replies themselves are the binder's: {@code SmtpReplyMeters}). The {@code input} tag holds
 * the path the operator configured, so its values are as many as the inputs given on the command
 * line.
 */
public final class InputMeters {
  public static final String LOG_LINES = "smtp.log.lines";
  public static final String LOG_LINES_HELP = "Log lines read, by whether they had the MTA's shape";

  public static final String LOG_EVENTS = "smtp.log.events";
  public static final String LOG_EVENTS_HELP = "Delivery and reject events read from the log";

  public static final String LOG_LAST_EVENT = "smtp.log.last.event.timestamp";
  public static final String LOG_LAST_EVENT_HELP =
      "When the last event was read (Unix time); 0 before the first";

  public static final String LOG_INPUT_UP = "smtp.log.input.up";
  public static final String LOG_INPUT_UP_HELP =
      "1 while the log file is there and readable, else 0";

  public static final String DSN_MESSAGES = "smtp.dsn.messages";
  public static final String DSN_MESSAGES_HELP =
      "Messages read from a bounce mailbox, by what they were";

  public static final String DSN_INPUT_UP = "smtp.dsn.input.up";
  public static final String DSN_INPUT_UP_HELP = "1 while the bounce Maildir is there, else 0";

  /** The path of the input as configured. */
  public static final String INPUT = "input";

  /** {@value #UNDERSTOOD} or {@value #NOT_UNDERSTOOD}. */
  public static final String RESULT = "result";

  /** What a bounce was: a {@code BounceKind} label. */
  public static final String KIND = "kind";

  public static final String UNDERSTOOD = "understood";
  public static final String NOT_UNDERSTOOD = "not_understood";

  private InputMeters() {}
}
