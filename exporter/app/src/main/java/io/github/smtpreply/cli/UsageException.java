package io.github.smtpreply.cli;

/** A command line the CLI cannot run: the message says what was wrong and what to do. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
