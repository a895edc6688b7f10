package io.github.smtpreply.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.explain.JsonWriter;
import io.github.smtpreply.text.Echo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The standalone exporter's HTTP server: {@code /metrics} (Prometheus text or OpenMetrics by the
 * Accept header), the explanation pages {@code /codes}, {@code /codes/{code}}, {@code
 * /compare/{a}/{b}} with {@code ?lang=} or Accept-Language, the JSON API under {@code /api/}
 * (including {@code POST /api/classify} and {@code POST /api/dsn} for a bounce message), and {@code
 * /-/healthy}, {@code /-/ready}. Every request gets an answer: bad input a 4xx that says what was
 * wrong, never a stack trace.
 */
public final class ExporterServer implements AutoCloseable {
  static final int MAX_URI = 4096;
  static final int MAX_BODY = 64 * 1024;

  /** Bytes of a bounce message accepted by {@code POST /api/dsn}. */
  static final int MAX_MESSAGE_BODY = 4 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Catalog catalog = Catalog.standard();
  private final Pages pages = new Pages(catalog);
  private final Classifier classifier = Classifier.standard();
  private final BounceReader bounceReader = BounceReader.standard();
  private final BooleanSupplier ready;
  private final WebConfig webConfig;

  private ExporterServer(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      WebConfig webConfig)
      throws IOException {
    this.registry = registry;
    this.ready = ready;
    this.webConfig = webConfig;
    if (webConfig.tls().isPresent()) {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(webConfig.tls().get()));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 64);
    }
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "smtp-reply-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts a server; port 0 picks a free port (see {@link #port()}). */
  public static ExporterServer start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      WebConfig webConfig)
      throws IOException {
    ExporterServer s = new ExporterServer(address, registry, ready, webConfig);
    s.server.start();
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = route(exchange);
      } catch (RuntimeException e) {
        response = Response.text(500, "internal error while answering this request\n");
      }
      send(exchange, response);
    }
  }

  private Response route(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawPath.length() + (rawQuery == null ? 0 : rawQuery.length()) > MAX_URI) {
      return Response.text(414, "request URI longer than " + MAX_URI + " characters\n");
    }
    if (!webConfig.authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      Response r = Response.text(401, "authentication required\n");
      r.headers.put("WWW-Authenticate", "Basic realm=\"smtp-reply\"");
      return r;
    }
    String method = exchange.getRequestMethod();
    String path;
    Map<String, String> query;
    try {
      path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
      query = query(rawQuery);
    } catch (IllegalArgumentException e) {
      return Response.text(400, "malformed percent-encoding in the request URI\n");
    }
    Language lang =
        language(query.get("lang"), exchange.getRequestHeaders().getFirst("Accept-Language"));
    boolean get = method.equals("GET") || method.equals("HEAD");
    if (path.equals("/api/classify")) {
      if (method.equals("POST")) {
        return classify(readBody(exchange.getRequestBody()));
      }
      if (get && query.containsKey("text")) {
        return classify(query.get("text"));
      }
      return Response.text(
          405, "POST reply texts (one per line) to /api/classify, or GET ?text=\n");
    }
    if (path.equals("/api/dsn")) {
      if (!method.equals("POST")) {
        return Response.text(405, "POST one bounce message (RFC 5322) to /api/dsn\n");
      }
      byte[] message = readBytes(exchange.getRequestBody(), MAX_MESSAGE_BODY);
      if (message == null) {
        return Response.text(413, "message larger than " + MAX_MESSAGE_BODY + " bytes\n");
      }
      return Response.json(200, Pages.bounceJson(bounceReader.read(message)) + "\n");
    }
    if (!get) {
      return Response.text(405, "method " + printable(method) + " not allowed here\n");
    }
    String[] parts = path.split("/", -1);
    return switch (path) {
      case "/", "" -> Response.redirect("/codes?lang=" + lang.tag());
      case "/-/healthy" -> Response.text(200, "OK\n");
      case "/-/ready" ->
          ready.getAsBoolean() ? Response.text(200, "OK\n") : Response.text(503, "not ready\n");
      case "/metrics" -> metrics(exchange.getRequestHeaders().getFirst("Accept"));
      case "/codes" -> Response.html(200, pages.indexPage(lang));
      case "/api/codes" -> Response.json(200, pages.indexJson());
      case "/compare" -> compareForm(query, lang);
      default -> {
        if (parts.length == 3 && parts[1].equals("codes")) {
          yield code(parts[2], lang, false);
        }
        if (parts.length == 4 && parts[1].equals("api") && parts[2].equals("codes")) {
          yield code(parts[3], lang, true);
        }
        if (parts.length == 4 && parts[1].equals("compare")) {
          yield compare(parts[2], parts[3], lang, false);
        }
        if (parts.length == 5 && parts[1].equals("api") && parts[2].equals("compare")) {
          yield compare(parts[3], parts[4], lang, true);
        }
        yield Response.text(
            404, "no such page: " + printable(path) + "\nsee /codes, /metrics, /api/codes\n");
      }
    };
  }

  private Response metrics(String accept) {
    String type =
        accept != null && accept.contains("application/openmetrics-text")
            ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
            : "text/plain; version=0.0.4; charset=utf-8";
    Response r = new Response(200, type, registry.scrape(type).getBytes(StandardCharsets.UTF_8));
    return r;
  }

  private Response code(String code, Language lang, boolean json) {
    Optional<CodeEntry> entry = catalog.find(code);
    if (entry.isEmpty()) {
      return json
          ? Response.json(
              404, "{\"error\":" + JsonWriter.quoted("unknown code: " + printable(code)) + "}\n")
          : Response.html(404, pages.notFoundPage("code " + printable(code), lang));
    }
    return json
        ? Response.json(200, pages.codeJson(entry.get(), lang))
        : Response.html(200, pages.codePage(entry.get(), lang));
  }

  private Response compare(String a, String b, Language lang, boolean json) {
    Optional<CodeEntry> ea = catalog.find(a);
    Optional<CodeEntry> eb = catalog.find(b);
    if (ea.isEmpty() || eb.isEmpty()) {
      String unknown = printable(ea.isEmpty() ? a : b);
      return json
          ? Response.json(
              404, "{\"error\":" + JsonWriter.quoted("unknown code: " + unknown) + "}\n")
          : Response.html(404, pages.notFoundPage("code " + unknown, lang));
    }
    return json
        ? Response.json(200, pages.compareJson(ea.get(), eb.get(), lang))
        : Response.html(200, pages.comparePage(ea.get(), eb.get(), lang));
  }

  /** The picker form sends ?a=550&amp;b=551: redirect to the comparison's own address. */
  private Response compareForm(Map<String, String> query, Language lang) {
    String a = query.getOrDefault("a", "").strip();
    String b = query.getOrDefault("b", "").strip();
    Optional<CodeEntry> ea = catalog.find(a);
    Optional<CodeEntry> eb = catalog.find(b);
    if (ea.isEmpty() || eb.isEmpty()) {
      return Response.html(
          400, pages.notFoundPage("the pair " + printable(a) + " / " + printable(b), lang));
    }
    return Response.redirect(
        "/compare/" + ea.get().id() + "/" + eb.get().id() + "?lang=" + lang.tag());
  }

  private Response classify(String body) {
    if (body == null) {
      return Response.text(413, "request body larger than " + MAX_BODY + " bytes\n");
    }
    StringBuilder out = new StringBuilder("[");
    for (String line : (Iterable<String>) body.lines()::iterator) {
      if (line.isBlank()) {
        continue;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(Pages.classificationJson(classifier.classifyText(line)));
    }
    return Response.json(200, out.append("]\n").toString());
  }

  /** The body as UTF-8, or {@code null} when it is longer than {@link #MAX_BODY}. */
  private static String readBody(InputStream in) throws IOException {
    byte[] body = readBytes(in, MAX_BODY);
    return body == null ? null : new String(body, StandardCharsets.UTF_8);
  }

  /** The body, or {@code null} when it is longer than {@code limit}. */
  private static byte[] readBytes(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) > 0) {
      if (out.size() + n > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
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

  /** {@code ?lang=} when supported, else the first supported Accept-Language, else English. */
  static Language language(String param, String acceptLanguage) {
    if (param != null) {
      Optional<Language> l = Language.ofTag(param);
      if (l.isPresent()) {
        return l.get();
      }
    }
    if (acceptLanguage != null) {
      double best = 0;
      Language chosen = null;
      for (String part : acceptLanguage.split(",")) {
        String[] p = part.strip().split(";");
        double q = 1;
        for (int i = 1; i < p.length; i++) {
          String attr = p[i].strip();
          if (attr.startsWith("q=")) {
            try {
              q = Double.parseDouble(attr.substring(2));
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        Optional<Language> l = Language.ofTag(p[0]);
        if (l.isPresent() && q > best) {
          best = q;
          chosen = l.get();
        }
      }
      if (chosen != null) {
        return chosen;
      }
    }
    return Language.EN;
  }

  static String printable(String s) {
    return Echo.of(s, 100);
  }

  private static void send(HttpExchange exchange, Response r) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", r.contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange
        .getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    r.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(r.status, head ? -1 : r.body.length == 0 ? -1 : r.body.length);
    if (!head && r.body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(r.body);
      }
    }
  }

  /** A status, content type, body and extra headers. */
  static final class Response {
    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new HashMap<>();

    Response(int status, String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }

    static Response text(int status, String text) {
      return new Response(
          status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static Response html(int status, String html) {
      return new Response(
          status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static Response json(int status, String json) {
      return new Response(
          status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    static Response redirect(String location) {
      Response r = text(302, "see " + location + "\n");
      r.headers.put("Location", location);
      return r;
    }
  }
}
