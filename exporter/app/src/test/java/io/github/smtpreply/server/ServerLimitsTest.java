package io.github.smtpreply.server;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks on a real server on loopback: slow clients, drip-fed headers and bodies, too many
 * connections, huge headers, too-large bodies behind {@code Expect: 100-continue}. Request timeouts
 * below only keep a broken server from hanging the build; no figure is asserted.
 */
class ServerLimitsTest {
  private static final Duration GUARD = Duration.ofSeconds(10);
  private static final String CREDENTIALS =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;
  private final List<Socket> sockets = new ArrayList<>();
  private ExporterServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private ExporterServer start(WebConfig config, Limits limits) throws Exception {
    server =
        ExporterServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            config,
            limits);
    return server;
  }

  /** TLS from the test certificate (CN localhost) and one basic-auth user, prometheus:s3cret. */
  private WebConfig tlsWithAuth() throws Exception {
    for (String name : List.of("cert.pem", "key.pem")) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/tls/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
    Path config = dir.resolve("web-config.yml");
    Files.writeString(
        config,
        "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n"
            + "  prometheus: "
            + BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray())
            + "\n");
    return WebConfig.read(config);
  }

  private HttpClient client(boolean tls) throws Exception {
    if (!tls) {
      return HttpClient.newHttpClient();
    }
    return TestTls.trustingClient();
  }

  private HttpResponse<String> get(HttpClient client, boolean tls, String path) throws Exception {
    URI uri = URI.create((tls ? "https://localhost:" : "http://127.0.0.1:") + server.port() + path);
    return client.send(
        HttpRequest.newBuilder(uri).header("Authorization", CREDENTIALS).timeout(GUARD).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A client that sends one byte (of a request line, or of a TLS ClientHello) and goes silent. */
  private Socket slowClient() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    sockets.add(s);
    s.getOutputStream().write('G');
    s.getOutputStream().flush();
    return s;
  }

  @ParameterizedTest(name = "{0} slow clients, TLS {1}")
  @CsvSource({"4, false", "200, false", "4, true", "200, true"})
  void slowClientsLeaveHealthAndMetricsAnswering(int slow, boolean tls) throws Exception {
    start(tls ? tlsWithAuth() : WebConfig.none(), Limits.DEFAULT);
    for (int i = 0; i < slow; i++) {
      slowClient();
    }
    HttpClient client = client(tls);
    assertThat(get(client, tls, "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(get(client, tls, "/metrics").statusCode()).isEqualTo(200);
    // The slow ones are still connected (the header deadline is 10 s): they were really there.
    assertThat(server.openConnections()).isGreaterThanOrEqualTo(slow);
  }

  @Test
  void aSilentClientIsDisconnected() throws Exception {
    start(
        WebConfig.none(),
        Limits.DEFAULT.withTimeouts(
            Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30)));
    Socket s = slowClient();
    assertThat(endedByServer(s, Duration.ofSeconds(20))).isTrue();
  }

  @Test
  void aClientDrippingItsHeaderIsDisconnectedThoughNeverIdle() throws Exception {
    start(
        WebConfig.none(),
        Limits.DEFAULT.withTimeouts(
            Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30)));
    Socket s = new Socket("127.0.0.1", server.port());
    sockets.add(s);
    s.setSoTimeout(100);
    byte[] request =
        "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Drip: ".getBytes(StandardCharsets.UTF_8);
    boolean ended = false;
    // One byte every 100 ms for up to 20 s: the idle timeout (30 s) never fires.
    for (int i = 0; i < 200 && !ended; i++) {
      try {
        s.getOutputStream().write(i < request.length ? request[i] : 'a');
        s.getOutputStream().flush();
        ended = s.getInputStream().read() < 0;
      } catch (SocketTimeoutException e) {
        // still open; drip on
      } catch (IOException e) {
        ended = true;
      }
    }
    assertThat(ended).as("closed by the header deadline").isTrue();
  }

  @Test
  void aKeptAliveConnectionMayIdleBetweenRequests() throws Exception {
    start(
        WebConfig.none(),
        Limits.DEFAULT.withTimeouts(
            Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(30)));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      for (int i = 0; i < 3; i++) {
        s.getOutputStream()
            .write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
        assertThat(s.getInputStream().readNBytes(3)).asString().isEqualTo("OK\n");
        Thread.sleep(1000); // several header deadlines, no bytes: not a slow header
      }
    }
  }

  @Test
  void aBodyThatDoesNotArriveInTimeGets408() throws Exception {
    start(
        WebConfig.none(),
        Limits.DEFAULT.withTimeouts(
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(500)));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              "POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n550 5.1.1"
                  .getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 408");
    }
  }

  @Test
  void connectionsBeyondTheLimitWaitAndAreServedLater() throws Exception {
    start(
        WebConfig.none(),
        Limits.DEFAULT
            .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30))
            .withMaxConnections(4));
    for (int i = 0; i < 12; i++) {
      slowClient();
    }
    for (int i = 0; i < 50 && server.openConnections() < 4; i++) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    assertThat(server.openConnections()).isEqualTo(4);
    // The slow ones are dropped by the header deadline, four at a time; then health answers.
    HttpClient client = HttpClient.newHttpClient();
    assertThat(
            client
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/-/healthy"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aHeaderLargerThanTheLimitGets431() throws Exception {
    start(WebConfig.none(), Limits.DEFAULT);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                      + "A".repeat(Limits.DEFAULT.maxHeaderBytes() + 100)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 431");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/api/classify, 65537", "/api/dsn, 4194305"})
  void aTooLargeBodyBehind100ContinueGets413(String path, int size) throws Exception {
    start(WebConfig.none(), Limits.DEFAULT);
    assertThat(expectContinue(path, new byte[size]))
        .startsWith("HTTP/1.1 413")
        .contains("larger than " + (size - 1) + " bytes");
  }

  @Test
  void aBodyWithinTheLimitBehind100ContinueIsRead() throws Exception {
    start(WebConfig.none(), Limits.DEFAULT);
    assertThat(
            expectContinue(
                "/api/classify", "550 5.1.1 no such user\n".getBytes(StandardCharsets.UTF_8)))
        .startsWith("HTTP/1.1 200")
        .contains("[{\"code\":\"550\"");
  }

  /**
   * POSTs {@code body} as curl does by default for large bodies: headers with {@code Expect:
   * 100-continue}, then the body once 100 Continue comes or after a second without an answer; the
   * final answer's head and (first) body bytes. (The JDK 17 HttpClient hangs when a server answers
   * the expectation with a final status, so this client is written out.)
   */
  private String expectContinue(String path, byte[] body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      InputStream in = s.getInputStream();
      s.getOutputStream()
          .write(
              ("POST "
                      + path
                      + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      s.setSoTimeout(1000);
      String head;
      try {
        head = readResponse(in);
      } catch (SocketTimeoutException e) {
        head = "";
      }
      s.setSoTimeout((int) GUARD.toMillis());
      if (head.isEmpty() || head.startsWith("HTTP/1.1 100")) {
        s.getOutputStream().write(body);
        s.getOutputStream().flush();
        head = readResponse(in);
      }
      byte[] start = new byte[200];
      int n = in.read(start);
      return head + (n > 0 ? new String(start, 0, n, StandardCharsets.UTF_8) : "");
    }
  }

  @Test
  void failedLoginsWithLargeDistinctHeadersLeaveNothingBehind() throws Exception {
    WebConfig config = tlsWithAuth();
    start(config, Limits.DEFAULT);
    HttpClient client = client(true);
    URI uri = URI.create("https://localhost:" + server.port() + "/metrics");
    for (int i = 0; i < 40; i++) {
      String header =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      ("prometheus:" + i + "x".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri).header("Authorization", header).timeout(GUARD).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
    }
    assertThat(config.cachedCredentials()).isZero();
    assertThat(get(client, true, "/metrics").statusCode()).isEqualTo(200);
    assertThat(config.cachedCredentials()).isEqualTo(1);
  }

  /** Status line and headers of one response (the body is not needed here). */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int b = in.read(); b >= 0; b = in.read()) {
      out.append((char) b);
      if (out.length() >= 4 && out.substring(out.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return out.toString();
  }

  /** True when the server closes (or resets) the connection within {@code wait}. */
  private static boolean endedByServer(Socket s, Duration wait) throws IOException {
    s.setSoTimeout((int) wait.toMillis());
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
