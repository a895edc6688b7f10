package io.github.smtpreply.camel;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Predicates over the reply headers, for {@code onException(...).onWhen(...)}, {@code retryWhile},
 * {@code filter} and {@code choice}. The headers are set before the error handler decides, so
 * redelivery sees the attempt that just failed.
 *
 * <pre>{@code
 * onException(MessagingException.class)
 *     .onWhen(SmtpReplyPredicates.isTransient())
 *     .maximumRedeliveries(5).redeliveryDelay(60_000).useExponentialBackOff();
 * onException(MessagingException.class)
 *     .onWhen(SmtpReplyPredicates.isPermanent())
 *     .handled(true).to("jms:queue:dead-mail");
 * }</pre>
 */
public final class SmtpReplyPredicates {
  private SmtpReplyPredicates() {}

  /** A 4xx reply, or no reply at all before the end of DATA: trying again later may work. */
  public static Predicate isTransient() {
    return classIs("transient");
  }

  /** A 5xx reply: trying again will not work. */
  public static Predicate isPermanent() {
    return classIs("permanent");
  }

  /** Some recipients got the message, others did not: never send it again to all of them. */
  public static Predicate isPartial() {
    return classIs(SendOutcome.PARTIAL);
  }

  public static Predicate isSuccess() {
    return classIs("success");
  }

  /** The reply's basic code, e.g. {@code hasCode(452)}. */
  public static Predicate hasCode(int code) {
    String label = String.valueOf(code);
    return named("code is " + label, e -> label.equals(header(e, SmtpReplyConstants.CODE)));
  }

  /**
   * The enhanced status matches {@code pattern}, where {@code *} stands for one part: {@code
   * "5.1.*"}, {@code "4.7.*"}, {@code "5.7.26"}.
   */
  public static Predicate enhancedMatches(String pattern) {
    Pattern p = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E[0-9]{1,3}\\Q"));
    return named(
        "enhanced status matches " + pattern,
        e -> {
          String status = header(e, SmtpReplyConstants.ENHANCED_STATUS);
          return status != null && p.matcher(status).matches();
        });
  }

  /**
   * The stage the reply answered: {@code connect}, {@code greeting}, …, {@code rcpt}, {@code data}.
   */
  public static Predicate atStage(String stage) {
    String label = stage.toLowerCase(Locale.ROOT);
    return named("stage is " + label, e -> label.equals(header(e, SmtpReplyConstants.STAGE)));
  }

  /** The bounce reason: {@code user_unknown}, {@code mailbox_full}, {@code greylisted}, … */
  public static Predicate hasReason(String reason) {
    return named("reason is " + reason, e -> reason.equals(header(e, SmtpReplyConstants.REASON)));
  }

  private static Predicate classIs(String label) {
    return named("class is " + label, e -> label.equals(header(e, SmtpReplyConstants.CLASS)));
  }

  private static String header(Exchange exchange, String name) {
    return exchange.getMessage().getHeader(name, String.class);
  }

  /** A predicate whose toString says what it tests, as Camel prints it in its error logs. */
  private static Predicate named(String description, java.util.function.Predicate<Exchange> test) {
    return new Predicate() {
      @Override
      public boolean matches(Exchange exchange) {
        return test.test(exchange);
      }

      @Override
      public String toString() {
        return "SMTP reply " + description;
      }
    };
  }
}
