package io.github.smtpreply.server;

import java.time.Duration;

/**
 * What one client may cost the server. A connection is closed when it stays silent for {@code
 * idleTimeout}, or when a request's header is not complete within {@code headerTimeout} (measured
 * from the connection's opening, or from the first byte of a later request on a kept-alive
 * connection; at most twice that); a request body must arrive within {@code bodyTimeout} (else
 * 408). At most {@code maxConnections} are open at once (more wait in the kernel's accept queue),
 * and a request's header may be at most {@code maxHeaderBytes} (else 431).
 */
public record Limits(
    Duration idleTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    int maxConnections,
    int maxHeaderBytes,
    int maxThreads) {

  /** Prometheus scrapes every 15 s or more, so a kept-alive scrape connection outlives one gap. */
  public static final Limits DEFAULT =
      new Limits(
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          512,
          16 * 1024,
          32);

  public Limits {
    for (Duration d : new Duration[] {idleTimeout, headerTimeout, bodyTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive, not " + d);
      }
    }
    if (maxConnections < 1 || maxHeaderBytes < 1024 || maxThreads < 8) {
      throw new IllegalArgumentException(
          "need maxConnections >= 1, maxHeaderBytes >= 1024, maxThreads >= 8");
    }
  }

  Limits withTimeouts(Duration idle, Duration header, Duration body) {
    return new Limits(idle, header, body, maxConnections, maxHeaderBytes, maxThreads);
  }

  Limits withMaxConnections(int max) {
    return new Limits(idleTimeout, headerTimeout, bodyTimeout, max, maxHeaderBytes, maxThreads);
  }
}
