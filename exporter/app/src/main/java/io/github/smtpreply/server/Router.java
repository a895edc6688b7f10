package io.github.smtpreply.server;

import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.server.Route.Call;
import io.github.smtpreply.text.Echo;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Every request passes here: URI length, authentication, decoding, route and method, body (bounded
 * in size and time), then the route's handler; the reply goes out with the same safety headers.
 * Every request gets an answer: bad input a 4xx that says what was wrong, never a stack trace.
 */
final class Router extends Handler.Abstract {
  static final int MAX_URI = 4096;
  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

  private final List<Route> routes;
  private final WebConfig webConfig;
  private final HeaderDeadline deadline;
  private final Scheduler scheduler;
  private final Duration bodyTimeout;

  Router(
      List<Route> routes,
      WebConfig webConfig,
      HeaderDeadline deadline,
      Scheduler scheduler,
      Duration bodyTimeout) {
    this.routes = List.copyOf(routes);
    this.webConfig = webConfig;
    this.deadline = deadline;
    this.scheduler = scheduler;
    this.bodyTimeout = bodyTimeout;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection connection = request.getConnectionMetaData().getConnection();
    deadline.answering(connection);
    Callback done =
        Callback.from(
            () -> {
              deadline.answered(connection);
              callback.succeeded();
            },
            x -> {
              deadline.answered(connection);
              callback.failed(x);
            });
    try {
      route(request, response, done);
    } catch (RuntimeException e) {
      send(
          request,
          response,
          done,
          Reply.text(500, "internal error while answering this request\n"));
    }
    return true;
  }

  private void route(Request request, Response response, Callback done) {
    String rawPath = request.getHttpURI().getPath();
    String rawQuery = request.getHttpURI().getQuery();
    if (rawPath.length() + (rawQuery == null ? 0 : rawQuery.length()) > MAX_URI) {
      send(
          request,
          response,
          done,
          Reply.text(414, "request URI longer than " + MAX_URI + " characters\n"));
      return;
    }
    switch (webConfig.access(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      case DENIED -> {
        send(request, response, done, Reply.unauthorized());
        return;
      }
      case BUSY -> {
        send(request, response, done, Reply.busy());
        return;
      }
      case GRANTED -> {}
    }
    String path;
    Map<String, String> query;
    try {
      path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
      query = query(rawQuery);
    } catch (IllegalArgumentException e) {
      send(
          request,
          response,
          done,
          Reply.text(400, "malformed percent-encoding in the request URI\n"));
      return;
    }
    List<String> segments = Arrays.asList(path.split("/", -1));
    String method = request.getMethod();
    for (Route route : routes) {
      Map<String, String> params = route.match(segments);
      if (params == null) {
        continue;
      }
      if (!route.methods().contains(method)) {
        String why =
            route.notAllowed() != null
                ? route.notAllowed()
                : "method " + printable(method) + " not allowed here\n";
        send(request, response, done, Reply.text(405, why));
        return;
      }
      Language lang =
          Negotiation.language(
              query.get("lang"), request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
      if (Negotiation.usesAcceptLanguage(query.get("lang"))) {
        response.getHeaders().add(HttpHeader.VARY, "Accept-Language");
      }
      String accept = request.getHeaders().get(HttpHeader.ACCEPT);
      if (route.maxBody() == 0 || !method.equals("POST")) {
        Call call = new Call(method, params, query, lang, accept, null);
        send(request, response, done, route.handler().handle(call));
        return;
      }
      readBody(
          request,
          route.maxBody(),
          (body, problem) -> {
            Reply reply;
            try {
              reply =
                  problem != null
                      ? problem
                      : route.handler().handle(new Call(method, params, query, lang, accept, body));
            } catch (RuntimeException e) {
              reply = Reply.text(500, "internal error while answering this request\n");
            }
            send(request, response, done, reply);
          });
      return;
    }
    send(
        request,
        response,
        done,
        Reply.text(
            404, "no such page: " + printable(path) + "\nsee /codes, /metrics, /api/codes\n"));
  }

  private interface BodyConsumer {
    /** Exactly one of the two is non-null. */
    void accept(byte[] body, Reply problem);
  }

  /**
   * Reads the body without holding a thread while waiting: 413 as soon as it is known to be too
   * large (from Content-Length, before any 100 Continue, or while reading), 408 when it has not
   * arrived within the body timeout.
   */
  private void readBody(Request request, int max, BodyConsumer consumer) {
    long declared = request.getLength();
    if (declared > max) {
      consumer.accept(null, tooLarge(max));
      return;
    }
    AtomicBoolean finished = new AtomicBoolean();
    Scheduler.Task timeout =
        scheduler.schedule(
            () -> {
              if (finished.compareAndSet(false, true)) {
                consumer.accept(
                    null,
                    Reply.text(
                        408,
                        "request body not received within " + bodyTimeout.toSeconds() + " s\n"));
              }
            },
            bodyTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
    new Runnable() {
      private byte[] buffer = new byte[(int) Math.max(0, Math.min(declared, max))];
      private int size;

      @Override
      public void run() {
        while (!finished.get()) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            finish(
                null, Reply.text(400, "request body not received: " + chunk.getFailure() + "\n"));
            return;
          }
          ByteBuffer bytes = chunk.getByteBuffer();
          int n = bytes.remaining();
          if (size + n > max) {
            chunk.release();
            finish(null, tooLarge(max));
            return;
          }
          if (size + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(max, Math.max(size + n, buffer.length * 2)));
          }
          bytes.get(buffer, size, n);
          size += n;
          boolean last = chunk.isLast();
          chunk.release();
          if (last) {
            finish(Arrays.copyOf(buffer, size), null);
            return;
          }
        }
      }

      private void finish(byte[] body, Reply problem) {
        if (finished.compareAndSet(false, true)) {
          timeout.cancel();
          consumer.accept(body, problem);
        }
      }
    }.run();
  }

  private static Reply tooLarge(int max) {
    return Reply.text(413, "request body larger than " + max + " bytes\n");
  }

  private static void send(Request request, Response response, Callback done, Reply reply) {
    response.setStatus(reply.status());
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", CSP);
    reply.headers().forEach(headers::put);
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), done);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(key, value);
    }
    return out;
  }

  static String printable(String s) {
    return Echo.of(s, 100);
  }
}
