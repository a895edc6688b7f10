package io.github.smtpreply.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes HTTP connections whose request header does not arrive in time. Jetty reads headers without
 * holding a thread, but its idle timeout restarts with every byte, so a client that drips one byte
 * at a time would keep a connection (and a slot under the connection limit) forever.
 *
 * <p>Every {@code period} each connection is looked at: a request started since the last look, or a
 * request being answered, is progress. Without progress, a connection that never completed a header
 * is closed, and so is a kept-alive one whose next request's bytes began arriving before the last
 * look. A header thus gets between one and two periods.
 */
final class HeaderDeadline implements Connection.Listener {
  private final Scheduler scheduler;
  private final long periodMillis;
  private final Set<Connection> busy = ConcurrentHashMap.newKeySet();

  HeaderDeadline(Scheduler scheduler, Duration period) {
    this.scheduler = scheduler;
    this.periodMillis = period.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    // Only the HTTP layer counts requests; under TLS the encrypted layer is also a connection.
    if (connection instanceof ConnectionMetaData) {
      new Watch(connection).schedule();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    busy.remove(connection);
  }

  /** A request's header is complete and the server is answering it. */
  void answering(Connection connection) {
    busy.add(connection);
  }

  /** The answer is sent; the connection may carry another request. */
  void answered(Connection connection) {
    busy.remove(connection);
  }

  private final class Watch implements Runnable {
    private final Connection connection;
    private long requests;
    private long bytes;
    private boolean started;

    Watch(Connection connection) {
      this.connection = connection;
    }

    void schedule() {
      scheduler.schedule(this, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
      if (!connection.getEndPoint().isOpen()) {
        return;
      }
      long nowRequests = connection.getMessagesIn();
      long nowBytes = connection.getBytesIn();
      if (busy.contains(connection) || nowRequests != requests) {
        started = false;
      } else if (requests == 0 || started) {
        connection.getEndPoint().close();
        return;
      } else if (nowBytes != bytes) {
        started = true;
      }
      requests = nowRequests;
      bytes = nowBytes;
      schedule();
    }
  }
}
