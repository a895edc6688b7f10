package io.github.smtpreply.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the server answers: the greeting, EHLO, AUTH, MAIL FROM, RCPT (for all recipients or one),
 * DATA, the end of data, QUIT. Each stage starts answering normally; a script replaces that with a
 * sequence of answers, one per time the stage is reached (per attempt), the last one repeating:
 *
 * <pre>{@code
 * smtp.rcpt("carol@example.com").replies(451, "4.7.1 Greylisted").thenReplies(250, "2.1.5 Ok");
 * smtp.endOfData().dropsConnection();
 * smtp.greeting().delays(Duration.ofMillis(300));
 * }</pre>
 *
 * <p>Each of {@code replies}, {@code dropsConnection}, {@code staysSilent}, {@code delays} and
 * {@code answersNormally} starts a new script for this stage and counts its attempts from one.
 */
public final class Stage {
  private final String name;
  private List<Step> steps = List.of();
  private int used;

  Stage(String name) {
    this.name = name;
  }

  /** Answer with this reply; several lines make a multi-line reply. */
  public Script replies(int code, String... lines) {
    return replies(Reply.of(code, lines));
  }

  /** Answer with this reply. */
  public Script replies(Reply reply) {
    return start(Step.reply(reply));
  }

  /** Close the connection instead of answering (after the end of data: without a reply). */
  public Script dropsConnection() {
    return start(Step.of(Step.Kind.DROP));
  }

  /** Never answer: the client waits until its own timeout (or the server's read timeout). */
  public Script staysSilent() {
    return start(Step.of(Step.Kind.SILENT));
  }

  /** Wait, then answer normally. Use {@link Script#after} to delay a scripted reply instead. */
  public Script delays(Duration delay) {
    return start(Step.NORMAL.after(Objects.requireNonNull(delay, "delay")));
  }

  /** Answer as an ordinary server would; the default, and a way to begin a sequence with it. */
  public Script answersNormally() {
    return start(Step.NORMAL);
  }

  /** The stage's name as shown in failure messages, e.g. {@code rcpt <bob@example.com>}. */
  public String name() {
    return name;
  }

  private synchronized Script start(Step first) {
    steps = List.of(first);
    used = 0;
    return new Script(this);
  }

  synchronized void append(Step step) {
    List<Step> longer = new ArrayList<>(steps);
    longer.add(step);
    steps = List.copyOf(longer);
  }

  synchronized void replaceLast(Step step) {
    List<Step> changed = new ArrayList<>(steps);
    changed.set(changed.size() - 1, step);
    steps = List.copyOf(changed);
  }

  synchronized Step last() {
    return steps.get(steps.size() - 1);
  }

  /** The answer for this attempt; the last step repeats once the sequence is used up. */
  synchronized Step next() {
    if (steps.isEmpty()) {
      return Step.NORMAL;
    }
    Step step = steps.get(Math.min(used, steps.size() - 1));
    used++;
    return step;
  }

  synchronized boolean isScripted() {
    return !steps.isEmpty();
  }

  synchronized void reset() {
    steps = List.of();
    used = 0;
  }

  @Override
  public synchronized String toString() {
    return name + (steps.isEmpty() ? ": normal" : ": " + steps);
  }
}
