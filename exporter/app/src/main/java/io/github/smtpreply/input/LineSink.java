package io.github.smtpreply.input;

/** Receives each complete line a follower reads, in order. */
@FunctionalInterface
public interface LineSink {
  void accept(String line);
}
