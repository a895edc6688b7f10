package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} refuses a bad web config or an address it cannot listen on: exit 2, and why. */
class ServeConfigErrorsTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int serve(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "serve";
    System.arraycopy(args, 0, full, 1, args.length);
    return SmtpReplyCli.run(
        full,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMalformedBcryptHashIsABadConfiguration() throws Exception {
    Path config = dir.resolve("web-config.yml");
    Files.writeString(config, "basic_auth_users:\n  prometheus: $2y$10$nothashed\n");
    assertThat(serve("--web-config", config.toString())).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(stderr())
        .contains("web-config.yml", "basic_auth_users.prometheus must be a bcrypt hash")
        .doesNotContain("cannot read input");
  }

  @Test
  void aSectionGivenTwiceIsABadConfiguration() throws Exception {
    Path config = dir.resolve("web-config.yml");
    Files.writeString(
        config, "tls_server_config:\n  cert_file: a.pem\ntls_server_config:\n  key_file: b.pem\n");
    assertThat(serve("--web-config", config.toString())).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(stderr())
        .contains("tls_server_config given twice")
        .doesNotContain("cannot read input");
  }

  @Test
  void aMissingConfigFileIsABadConfiguration() {
    assertThat(serve("--web-config", dir.resolve("nope.yml").toString()))
        .isEqualTo(SmtpReplyCli.USAGE);
    assertThat(stderr()).contains("cannot read web config", "nope.yml");
  }

  @Test
  void anAddressInUseIsABadConfiguration() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      // Reads stdin (empty) instead of the demo, so nothing keeps running after the failure.
      int status =
          serve(
              "--bind",
              "127.0.0.1",
              "--port",
              String.valueOf(port),
              "--exim-log",
              "-",
              "--checkpoint-dir",
              dir.toString());
      assertThat(status).isEqualTo(SmtpReplyCli.USAGE);
      assertThat(stderr())
          .contains("cannot listen on 127.0.0.1:" + port)
          .doesNotContain("cannot read input");
    }
  }
}
