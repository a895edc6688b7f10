package io.github.smtpreply.classify;

import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.Stage;
import java.util.Set;

/**
 * A classified reply.
 *
 * @param code the basic code as received, {@code null} when none
 * @param enhanced the enhanced status as received, {@code null} when none
 * @param status the effective status: as received, else the one MTAs assign for this code and text
 *     (e.g. 4.4.1 for a connection timeout, 5.0.0 for a bare 550), {@code null} when nothing gives
 *     one
 * @param replyClass the class: from the code, else from the status; {@link ReplyClass#UNKNOWN} when
 *     there is neither
 * @param reason the bounce reason, {@link Reason#NONE} for success
 * @param stage the command the reply answered, {@link Stage#UNKNOWN} when not known
 * @param provider the provider whose pattern decided, or {@code null}
 * @param rule the id of the rule that decided the reason, or {@code null} when none did
 * @param flags remarks such as a class conflict
 * @param text the reply text
 */
public record Classification(
    ReplyCode code,
    EnhancedStatus enhanced,
    EnhancedStatus status,
    ReplyClass replyClass,
    Reason reason,
    Stage stage,
    String provider,
    String rule,
    Set<Flag> flags,
    String text) {

  public Classification {
    flags = Set.copyOf(flags);
  }

  /**
   * A text that carries no reply at all, such as an auto-reply or a feedback report: no code, no
   * status, class unknown, stage unknown.
   *
   * @param reason what the text is
   * @param rule the id of whatever recognised it
   */
  public static Classification withoutReply(Reason reason, String rule, String text) {
    return new Classification(
        null, null, null, ReplyClass.UNKNOWN, reason, Stage.UNKNOWN, null, rule, Set.of(), text);
  }

  /** This reply with its class, effective status and flags decided by something beyond its text. */
  public Classification withClass(ReplyClass replyClass, EnhancedStatus status, Set<Flag> flags) {
    return new Classification(
        code, enhanced, status, replyClass, reason, stage, provider, rule, flags, text);
  }

  /** {@code "550"}, or {@code "none"}. */
  public String codeLabel() {
    return code == null ? "none" : code.toString();
  }

  /** The effective status, or {@code "none"}. */
  public String statusLabel() {
    return status == null ? "none" : status.toString();
  }

  /** The status as received, or {@code "none"}. */
  public String enhancedLabel() {
    return enhanced == null ? "none" : enhanced.toString();
  }

  public boolean has(Flag flag) {
    return flags.contains(flag);
  }
}
