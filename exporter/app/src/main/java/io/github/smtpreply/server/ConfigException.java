package io.github.smtpreply.server;

/**
 * The server cannot start as configured: a web config file that is unreadable or wrong, or an
 * address it cannot listen on. The message names the file or address and the problem.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
