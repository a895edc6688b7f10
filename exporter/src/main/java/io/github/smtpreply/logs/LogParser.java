package io.github.smtpreply.logs;

import java.util.Optional;

/** Reads one MTA log line. Implementations never throw on any input. */
public interface LogParser {
  /**
   * The delivery or reject event on this line, or empty for any other line (including lines that
   * are not from this MTA at all; {@link #understands} tells these apart).
   */
  Optional<LogEvent> parse(String line);

  /** True if the line has this MTA's shape, whether or not it holds an event. */
  boolean understands(String line);
}
