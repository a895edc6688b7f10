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
      assertThat(config.authorized(basic("user" + (i % 3), i + "x".repeat(12_000)))).isFalse();
    }
    assertThat(config.cachedCredentials()).isZero();
    for (int i = 0; i < WebConfig.CACHED_CREDENTIALS + 6; i++) {
      assertThat(config.authorized(basic("user" + i, "pw" + i))).isTrue();
    }
    assertThat(config.cachedCredentials()).isEqualTo(WebConfig.CACHED_CREDENTIALS);
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
    assertThat(counting.authorized(basic("user0", "wrong"))).isFalse();
    assertThat(counting.authorized(basic("nobody", "wrong"))).isFalse();
    assertThat(checked).hasSize(2);
    // Both checks ran against a real hash of the same cost ($2a$04$...), not a shortcut.
    assertThat(checked.get(1))
        .isNotEqualTo(checked.get(0))
        .startsWith(checked.get(0).substring(0, 7));
    assertThat(counting.authorized(basic("user0", "pw0"))).isTrue();
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
