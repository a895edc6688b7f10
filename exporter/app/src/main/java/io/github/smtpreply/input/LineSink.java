package io.github.smtpreply.input;

import java.nio.charset.StandardCharsets;

/** Receives each complete line a follower reads, in order. */
@FunctionalInterface
public interface LineSink {
  void accept(String line);

  /**
   * Receives a line as UTF-8 bytes without its terminator, valid only during the call; decoded
   * (malformed bytes as U+FFFD) for {@link #accept(String)} unless a sink reads bytes itself.
   */
  default void accept(byte[] bytes, int from, int to) {
    accept(new String(bytes, from, to - from, StandardCharsets.UTF_8));
  }
}
