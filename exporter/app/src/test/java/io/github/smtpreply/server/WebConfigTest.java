package io.github.smtpreply.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and basic auth from an exporter-toolkit web-config.yml, against a real HTTPS server. */
class WebConfigTest {
  @TempDir Path dir;

  private Path fixture(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/fixtures/tls/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void servesHttpsWithBasicAuth() throws Exception {
    fixture("cert.pem");
    fixture("key.pem");
    String hash = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());
    Path config = dir.resolve("web-config.yml");
    Files.writeString(
        config,
        "# exporter-toolkit format\ntls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n"
            + "basic_auth_users:\n  prometheus: "
            + hash
            + "\n");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ExporterServer server =
        ExporterServer.start(
            new InetSocketAddress("127.0.0.1", 0), registry, () -> true, WebConfig.read(config))) {
      HttpClient client = TestTls.trustingClient();
      URI uri = URI.create("https://localhost:" + server.port() + "/metrics");
      assertThat(
              client
                  .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      String good =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));
      String bad =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("prometheus:wrong".getBytes(StandardCharsets.UTF_8));
      assertThat(
              client
                  .send(
                      HttpRequest.newBuilder(uri).header("Authorization", bad).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              client
                  .send(
                      HttpRequest.newBuilder(uri).header("Authorization", good).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void rejectsSettingsItDoesNotApply() throws IOException {
    Path config = dir.resolve("web-config.yml");
    Files.writeString(
        config,
        "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAndVerifyClientCert\n");
    assertThatThrownBy(() -> WebConfig.read(config))
        .hasMessageContaining("client_auth_type is not supported");
    Files.writeString(config, "basic_auth_users:\n  alice: plaintext\n");
    assertThatThrownBy(() -> WebConfig.read(config)).hasMessageContaining("must be a bcrypt hash");
    Files.writeString(config, "http_server_config:\n  http2: false\n");
    assertThatThrownBy(() -> WebConfig.read(config))
        .hasMessageContaining("http_server_config is not supported");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private WebConfig users(int count) throws Exception {
    StringBuilder yaml = new StringBuilder("basic_auth_users:\n");
    for (int i = 0; i < count; i++) {
      yaml.append("  user")
          .append(i)
          .append(": ")
          .append(BCrypt.withDefaults().hashToString(4, ("pw" + i).toCharArray()))
          .append('\n');
    }
    Path config = dir.resolve("users.yml");
    Files.writeString(config, yaml);
    return WebConfig.read(config);
  }

  @Test
  void failedLoginsAreNeverRememberedAndSuccessesAreBounded() throws Exception {
    WebConfig config = users(WebConfig.CACHED_CREDENTIALS + 6);
    for (int i = 0; i < 300; i++) {
      // Large, distinct, wrong: the shape of the attack that grew the old cache by 160 MB.
      assertThat(config.access(basic("user" + (i % 3), i + "x".repeat(12_000))))
          .isEqualTo(WebConfig.Access.DENIED);
    }
    assertThat(config.cachedCredentials()).isZero();
    for (int i = 0; i < WebConfig.CACHED_CREDENTIALS + 6; i++) {
      assertThat(config.access(basic("user" + i, "pw" + i))).isEqualTo(WebConfig.Access.GRANTED);
    }
    assertThat(config.cachedCredentials()).isEqualTo(WebConfig.CACHED_CREDENTIALS);
  }

  /**
   * Failed logins are never remembered, so each costs a bcrypt check: at most {@link
   * WebConfig#MAX_PASSWORD_CHECKS} run at once, further unremembered logins get 429 at once without
   * a check, and a scraper whose credentials verified before is served throughout the attack.
   */
  @Test
  void passwordChecksRunningAtOnceAreBoundedAndAScraperIsStillServed() throws Exception {
    CountDownLatch checking = new CountDownLatch(WebConfig.MAX_PASSWORD_CHECKS);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger checks = new AtomicInteger();
    AtomicBoolean slow = new AtomicBoolean();
    WebConfig config =
        users(1)
            .withPasswordCheck(
                (password, hash) -> {
                  checks.incrementAndGet();
                  if (slow.get()) {
                    checking.countDown();
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return WebConfig.PasswordCheck.BCRYPT.matches(password, hash);
                });
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ExporterServer server =
        ExporterServer.start(new InetSocketAddress("127.0.0.1", 0), registry, () -> true, config)) {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      HttpRequest scrape =
          HttpRequest.newBuilder(uri).header("Authorization", basic("user0", "pw0")).build();
      assertThat(client.send(scrape, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(200); // verified once, remembered
      slow.set(true);
      List<CompletableFuture<HttpResponse<Void>>> attack = new ArrayList<>();
      for (int i = 0; i < WebConfig.MAX_PASSWORD_CHECKS; i++) {
        attack.add(
            client.sendAsync(
                HttpRequest.newBuilder(uri)
                    .header("Authorization", basic("user0", "guess" + i))
                    .build(),
                HttpResponse.BodyHandlers.discarding()));
      }
      assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue(); // every permit held
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> refused =
            client.send(
                HttpRequest.newBuilder(uri)
                    .header("Authorization", basic("user0", "more" + i))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      }
      assertThat(client.send(scrape, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(200);
      assertThat(checks.get()).isEqualTo(1 + WebConfig.MAX_PASSWORD_CHECKS);
      release.countDown();
      for (CompletableFuture<HttpResponse<Void>> f : attack) {
        assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
      }
      slow.set(false);
      HttpRequest wrong =
          HttpRequest.newBuilder(uri).header("Authorization", basic("user0", "late")).build();
      assertThat(client.send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(401); // permits returned: checked again
    }
  }

  @Test
  void anUnknownUserCostsTheSameBcryptWorkAsAKnownOne() throws Exception {
    WebConfig config = users(1);
    List<String> checked = new ArrayList<>();
    WebConfig counting =
        config.withPasswordCheck(
            (password, hash) -> {
              checked.add(hash);
              return WebConfig.PasswordCheck.BCRYPT.matches(password, hash);
            });
    assertThat(counting.access(basic("user0", "wrong"))).isEqualTo(WebConfig.Access.DENIED);
    assertThat(counting.access(basic("nobody", "wrong"))).isEqualTo(WebConfig.Access.DENIED);
    assertThat(checked).hasSize(2);
    // Both checks ran against a real hash of the same cost ($2a$04$...), not a shortcut.
    assertThat(checked.get(1))
        .isNotEqualTo(checked.get(0))
        .startsWith(checked.get(0).substring(0, 7));
    assertThat(counting.access(basic("user0", "pw0"))).isEqualTo(WebConfig.Access.GRANTED);
  }

  @Test
  void namesWhatIsWrongWithAConfig() throws Exception {
    Path config = dir.resolve("web-config.yml");
    Files.writeString(config, "basic_auth_users:\n  alice: $2y$10$tooShort\n");
    assertThatThrownBy(() -> WebConfig.read(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic_auth_users.alice must be a bcrypt hash");
    Files.writeString(
        config,
        "basic_auth_users:\n  a: b\ntls_server_config:\n  cert_file: c\nbasic_auth_users:\n");
    assertThatThrownBy(() -> WebConfig.read(config))
        .hasMessageContaining(":5: basic_auth_users given twice (first on line 1)");
    Files.writeString(config, "basic_auth_users:\n  alice: x\n  alice: y\n");
    assertThatThrownBy(() -> WebConfig.read(config))
        .hasMessageContaining(":3: basic_auth_users.alice given twice");
    assertThatThrownBy(() -> WebConfig.read(dir.resolve("missing.yml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read web config")
        .hasMessageContaining("missing.yml");
  }

  @Test
  void rejectsAKeyThatDoesNotMatchTheCertificate() throws Exception {
    fixture("cert.pem");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(dir.resolve("other-key.pem"), pem);
    Path config = dir.resolve("web-config.yml");
    Files.writeString(
        config, "tls_server_config:\n  cert_file: cert.pem\n  key_file: other-key.pem\n");
    assertThatThrownBy(() -> WebConfig.read(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not match the certificate");
  }
}
