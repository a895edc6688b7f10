package io.github.smtpreply.camel;

import io.github.smtpreply.reply.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened on one SMTP connection, as {@link RecordingSmtpTransport} saw it: each reply with
 * the stage and command it answered, and the stage reached when it ended. Written by one thread
 * (the one sending), read afterwards by the same thread.
 */
final class SendTranscript {
  /** One reply, with the stage and the command it answered ({@code null} for the greeting). */
  record Step(Stage stage, String command, int code, String text) {}

  /** Replies kept at most: a conversation with a thousand recipients keeps its last ones. */
  static final int MAX_STEPS = 1024;

  private static final ThreadLocal<SendTranscript> CURRENT = new ThreadLocal<>();

  private final List<Step> steps = new ArrayList<>();
  private Stage stage = Stage.CONNECT;
  private String command;
  private boolean endOfDataSent;
  private Stage lostAt;

  /** Starts a transcript for the send this thread is about to make. */
  static SendTranscript begin() {
    SendTranscript t = new SendTranscript();
    CURRENT.set(t);
    return t;
  }

  /** The transcript of this thread's last send, removed; {@code null} when there was none. */
  static SendTranscript take() {
    SendTranscript t = CURRENT.get();
    CURRENT.remove();
    return t;
  }

  /** The transcript being written on this thread, or {@code null}. */
  static SendTranscript current() {
    return CURRENT.get();
  }

  void connected() {
    stage = Stage.GREETING;
    command = null;
  }

  void sent(Stage stage, String command) {
    this.stage = stage;
    this.command = command;
  }

  void markEndOfData() {
    stage = Stage.DATA;
    command = ".";
    endOfDataSent = true;
  }

  /** No reply came where one was awaited: the first such stage is the one that matters. */
  void lost() {
    if (lostAt == null) {
      lostAt = stage;
    }
  }

  /**
   * The stage at which the conversation broke: where a reply did not come, else the stage of the
   * last command sent.
   */
  Stage brokenAt() {
    return lostAt != null ? lostAt : stage;
  }

  void replied(int code, String text) {
    if (steps.size() == MAX_STEPS) {
      steps.remove(0);
    }
    steps.add(new Step(stage, command, code, text));
    if (endOfDataSent && stage == Stage.DATA) {
      // The one reply to the end of DATA is in; what follows answers QUIT (sent without a hook).
      stage = Stage.QUIT;
      command = null;
    }
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }

  /** The stage of the last command sent (or connect / greeting before any). */
  Stage stage() {
    return stage;
  }

  /**
   * True once the end of the message was sent: if the connection breaks now, delivery is unknown.
   */
  boolean endOfDataSent() {
    return endOfDataSent;
  }

  /** The last reply, or {@code null}. */
  Step last() {
    return steps.isEmpty() ? null : steps.get(steps.size() - 1);
  }
}
