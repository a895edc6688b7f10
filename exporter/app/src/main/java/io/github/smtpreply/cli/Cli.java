package io.github.smtpreply.cli;

import io.github.smtpreply.text.Echo;
import java.util.List;

/** Small helpers shared by the commands. */
final class Cli {
  private Cli() {}

  /** User input echoed in an error message: control characters escaped, at most 80 characters. */
  static String printable(String s) {
    return Echo.of(s, 80);
  }

  /** The value after an option such as {@code --lang}. */
  static String value(List<String> args, int i, String option) throws UsageException {
    if (i >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
  }
}
