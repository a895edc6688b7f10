package io.github.smtpreply.testkit;

import java.time.Duration;
import java.util.Objects;

/** One scripted answer: what the server does when a stage is reached, after an optional delay. */
record Step(Kind kind, Reply reply, Duration delay) {
  enum Kind {
    /** The stage's usual answer (the server's default reply). */
    NORMAL,
    /** The scripted reply. */
    REPLY,
    /** Close the connection without answering. */
    DROP,
    /** Never answer; hold the connection until the client or the read timeout ends it. */
    SILENT
  }

  static final Step NORMAL = new Step(Kind.NORMAL, null, Duration.ZERO);

  Step {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative: " + delay);
    }
    if ((kind == Kind.REPLY) != (reply != null)) {
      throw new IllegalArgumentException("a reply goes with REPLY only");
    }
  }

  static Step of(Kind kind) {
    return new Step(kind, null, Duration.ZERO);
  }

  static Step reply(Reply reply) {
    return new Step(Kind.REPLY, Objects.requireNonNull(reply, "reply"), Duration.ZERO);
  }

  Step after(Duration wait) {
    return new Step(kind, reply, wait);
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case NORMAL -> "normal answer";
          case REPLY -> reply.toString();
          case DROP -> "drop connection";
          case SILENT -> "stay silent";
        };
    return delay.isZero() ? what : what + " after " + delay.toMillis() + " ms";
  }
}
