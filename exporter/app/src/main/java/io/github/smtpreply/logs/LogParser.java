package io.github.smtpreply.logs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads one MTA log line. Implementations never throw on any input. */
public interface LogParser {

  /**
   * What a line holds, read in one pass.
   *
   * @param event the delivery or reject event, or {@code null} for any other line
   * @param understood true if the line has this MTA's shape, whether or not it holds an event
   */
  record Line(LogEvent event, boolean understood) {
    /** A line of this MTA that is not a delivery or reject. */
    static final Line OTHER = new Line(null, true);

    /** A line that is not from this MTA at all. */
    static final Line FOREIGN = new Line(null, false);

    static Line of(LogEvent event) {
      return new Line(event, true);
    }
  }

  Line read(String line);

  /**
   * Reads one line given as UTF-8 bytes without its terminator: the same answer as {@link
   * #read(String)} on the decoded line. A parser may answer without decoding a line that cannot
   * hold an event.
   */
  default Line read(byte[] bytes, int from, int to) {
    return read(new String(bytes, from, to - from, StandardCharsets.UTF_8));
  }

  /** The delivery or reject event on this line, or empty for any other line. */
  default Optional<LogEvent> parse(String line) {
    return Optional.ofNullable(read(line).event());
  }

  /** True if the line has this MTA's shape, whether or not it holds an event. */
  default boolean understands(String line) {
    return read(line).understood();
  }
}
