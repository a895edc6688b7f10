package io.github.smtpreply.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code explain} and {@code compare}. */
final class ExplainCommand {
  void explain(List<String> args, PrintStream out) throws UsageException {
    throw new UsageException("explain: not yet");
  }

  void compare(List<String> args, PrintStream out) throws UsageException {
    throw new UsageException("compare: not yet");
  }
}
