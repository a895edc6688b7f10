package io.github.smtpreply.server;

import io.github.smtpreply.catalog.Catalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The standalone exporter's HTTP server (Jetty core): {@code /metrics} (Prometheus text or
 * OpenMetrics by the Accept header), the explanation pages {@code /codes}, {@code /codes/{code}},
 * {@code /compare/{a}/{b}} with {@code ?lang=} or Accept-Language, the JSON API under {@code /api/}
 * (including {@code POST /api/classify} and {@code POST /api/dsn} for a bounce message), and {@code
 * /-/healthy}, {@code /-/ready}. What one client may cost is bounded by {@link Limits}.
 */
public final class ExporterServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private ExporterServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts a server with the default {@link Limits}; port 0 picks a free port. */
  public static ExporterServer start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      WebConfig webConfig)
      throws ConfigException, IOException {
    return start(address, registry, ready, webConfig, Limits.DEFAULT);
  }

  /**
   * Starts a server; port 0 picks a free port (see {@link #port()}).
   *
   * @throws ConfigException when the address cannot be resolved or listened on
   */
  public static ExporterServer start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      WebConfig webConfig,
      Limits limits)
      throws ConfigException, IOException {
    if (address.isUnresolved()) {
      throw new ConfigException("cannot listen on " + address.getHostString() + ": unknown host");
    }
    QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 2);
    threads.setName("smtp-reply-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    Scheduler scheduler = new ScheduledExecutorScheduler("smtp-reply-http-timer", true);
    server.addBean(scheduler);

    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setSendServerVersion(false);
    // The router decodes the path itself: bad UTF-8 or an encoded '/' names no page (404 from the
    // router, which echoes what was asked), rather than Jetty's bare 400.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "smtp-reply",
            UriCompliance.Violation.BAD_UTF8_ENCODING,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    ServerConnector connector;
    if (webConfig.tls().isPresent()) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setSslContext(webConfig.tls().get());
      connector =
          new ServerConnector(
              server, null, scheduler, null, -1, -1, new SslConnectionFactory(tls, "http/1.1"), h1);
    } else {
      connector = new ServerConnector(server, null, scheduler, null, -1, -1, h1);
    }
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    // Jetty's default, stated: without it a kept-alive scrape waits for the delayed ACK.
    connector.setAcceptedTcpNoDelay(true);
    HeaderDeadline deadline = new HeaderDeadline(scheduler, limits.headerTimeout());
    connector.addBean(deadline);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

    ApiRoutes api = new ApiRoutes();
    CodeRoutes codes = new CodeRoutes(Catalog.standard());
    List<Route> routes =
        List.of(
            Route.get("/", c -> Reply.redirect("/codes?lang=" + c.lang().tag())),
            Route.get("/-/healthy", c -> Reply.text(200, "OK\n")),
            Route.get(
                "/-/ready",
                c ->
                    ready.getAsBoolean()
                        ? Reply.text(200, "OK\n")
                        : Reply.text(503, "not ready\n")),
            Route.get("/metrics", c -> metrics(registry, c.accept())),
            Route.get("/codes", codes::indexPage),
            Route.get("/codes/{code}", codes::codePage),
            Route.get("/compare", codes::compareForm),
            Route.get("/compare/{a}/{b}", codes::comparePage),
            Route.get("/api/codes", codes::indexJson),
            Route.get("/api/codes/{code}", codes::codeJson),
            Route.get("/api/compare/{a}/{b}", codes::compareJson),
            api.classifyRoute(),
            api.dsnRoute());
    server.setHandler(new Router(routes, webConfig, deadline, scheduler, limits.bodyTimeout()));
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          throw new ConfigException(
              "cannot listen on "
                  + address.getHostString()
                  + ":"
                  + address.getPort()
                  + ": "
                  + t.getMessage(),
              e);
        }
      }
      throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
    }
    return new ExporterServer(server, connector);
  }

  private static Reply metrics(PrometheusMeterRegistry registry, String accept) {
    String type = Negotiation.metricsType(accept);
    return new Reply(200, type, registry.scrape(type), Map.of());
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Connections open now (for tests of the connection limit). */
  int openConnections() {
    return connector.getConnectedEndPoints().size();
  }

  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: the process or test is ending anyway
    }
  }
}
