package io.github.smtpreply.input;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.Stage;
import java.util.Set;

/**
 * What a checkpoint keeps of a counted reply: exactly the parts that choose its {@code
 * smtp_replies_total} series. A code or status that the catalog does not know is kept as {@code
 * other}, as DESIGN.md labels it, so the values an input remembers are as bounded as the labels.
 *
 * @param code {@code 550}, {@code none} or {@code other}
 * @param status the effective enhanced status {@code 5.1.1}, {@code none} or {@code other}
 * @param route the route as recorded, {@code none} when absent
 */
record Series(
    String code, String status, ReplyClass replyClass, Reason reason, Stage stage, String route) {
  static final String OTHER = "other";
  private static final Catalog CATALOG = Catalog.standard();

  /** A code the catalog does not know, standing for all of them when a series is restored. */
  private static final ReplyCode UNKNOWN_CODE = firstUnknownCode();

  /** A status the catalog does not know (subjects stop at 7). */
  private static final EnhancedStatus UNKNOWN_STATUS = EnhancedStatus.of(5, 999, 999);

  /** The series {@code metrics} counts the reply in: the same code, status and route labels. */
  static Series of(Classification reply, String route, SmtpReplyMetrics metrics) {
    return new Series(
        metrics.codeLabel(reply.code()),
        metrics.statusLabel(reply.status()),
        reply.replyClass(),
        reply.reason(),
        reply.stage(),
        route == null || route.isEmpty()
            ? "none"
            : SmtpReplyMetrics.isLabelValue(route) ? route : OTHER);
  }

  /** A reply that the binder counts in this same series. */
  Classification classification() {
    ReplyCode c =
        switch (code) {
          case "none" -> null;
          case OTHER -> UNKNOWN_CODE;
          default -> ReplyCode.of(Integer.parseInt(code));
        };
    EnhancedStatus s =
        switch (status) {
          case "none" -> null;
          case OTHER -> UNKNOWN_STATUS;
          default -> parseStatus(status);
        };
    return new Classification(c, s, s, replyClass, reason, stage, null, null, Set.of(), "");
  }

  private static EnhancedStatus parseStatus(String text) {
    String[] parts = text.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an enhanced status: " + text);
    }
    return EnhancedStatus.of(
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  private static ReplyCode firstUnknownCode() {
    for (int v = ReplyCode.MIN; v <= ReplyCode.MAX; v++) {
      if (ReplyCode.isValid(v) && CATALOG.basic(ReplyCode.of(v)) == null) {
        return ReplyCode.of(v);
      }
    }
    throw new IllegalStateException("the catalog knows every code");
  }
}
