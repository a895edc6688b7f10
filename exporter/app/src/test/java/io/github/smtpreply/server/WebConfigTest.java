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
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

  private HttpClient trustingClient() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = getClass().getResourceAsStream("/fixtures/tls/cert.pem")) {
      trust.setCertificateEntry(
          "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
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
      HttpClient client = trustingClient();
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
}
