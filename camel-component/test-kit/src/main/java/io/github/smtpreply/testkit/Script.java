package io.github.smtpreply.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * The answers scripted for one {@link Stage}, in the order of attempts; the last one repeats. Each
 * {@code then...} adds the answer for the next attempt:
 *
 * <pre>{@code
 * smtp.rcpt("carol@example.com")
 *     .replies(451, "4.7.1 Greylisted").times(2)
 *     .thenReplies(250, "2.1.5 Ok");
 * }</pre>
 */
public final class Script {
  private final Stage stage;

  Script(Stage stage) {
    this.stage = stage;
  }

  /** The next attempt gets this reply. */
  public Script thenReplies(int code, String... lines) {
    return thenReplies(Reply.of(code, lines));
  }

  /** The next attempt gets this reply. */
  public Script thenReplies(Reply reply) {
    stage.append(Step.reply(reply));
    return this;
  }

  /** The next attempt has its connection closed without an answer. */
  public Script thenDropsConnection() {
    stage.append(Step.of(Step.Kind.DROP));
    return this;
  }

  /** The next attempt gets no answer at all. */
  public Script thenStaysSilent() {
    stage.append(Step.of(Step.Kind.SILENT));
    return this;
  }

  /** The next attempt is answered normally after this delay. */
  public Script thenDelays(Duration delay) {
    stage.append(Step.NORMAL.after(Objects.requireNonNull(delay, "delay")));
    return this;
  }

  /** The next attempt is answered normally. */
  public Script thenAnswersNormally() {
    stage.append(Step.NORMAL);
    return this;
  }

  /** The answer scripted last waits this long first (a reply, a drop, or the normal answer). */
  public Script after(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    stage.replaceLast(stage.last().after(delay));
    return this;
  }

  /** The answer scripted last is given this many attempts in all (at least one). */
  public Script times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("times(" + count + "): at least once");
    }
    Step last = stage.last();
    for (int i = 1; i < count; i++) {
      stage.append(last);
    }
    return this;
  }

  @Override
  public String toString() {
    return stage.toString();
  }
}
