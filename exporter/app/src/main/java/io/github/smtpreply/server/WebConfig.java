package io.github.smtpreply.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS and basic auth from a web config file in the format of the Prometheus exporter-toolkit
 * ({@code web-config.yml}): {@code tls_server_config} with {@code cert_file} and {@code key_file}
 * (PEM; the key in PKCS#8, {@code BEGIN PRIVATE KEY}), and {@code basic_auth_users} mapping user
 * names to bcrypt hashes. Other keys of that format are rejected with a message rather than
 * ignored, so a setting is never silently not applied.
 */
public final class WebConfig {
  private final Optional<SSLContext> tls;
  private final Map<String, String> users;

  /** Verified "user:password" headers, so bcrypt's deliberate cost is paid once per credential. */
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

  private WebConfig(Optional<SSLContext> tls, Map<String, String> users) {
    this.tls = tls;
    this.users = Map.copyOf(users);
  }

  /** No TLS, no authentication. */
  public static WebConfig none() {
    return new WebConfig(Optional.empty(), Map.of());
  }

  Optional<SSLContext> tls() {
    return tls;
  }

  /** True when the server is to speak HTTPS. */
  public boolean usesTls() {
    return tls.isPresent();
  }

  /** Reads a web config file; relative paths in it are resolved against its folder. */
  public static WebConfig read(Path file) throws IOException {
    Map<String, Map<String, String>> sections =
        parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
    Path dir = file.toAbsolutePath().getParent();
    Optional<SSLContext> tls = Optional.empty();
    Map<String, String> tlsConfig = sections.get("tls_server_config");
    if (tlsConfig != null) {
      for (String key : tlsConfig.keySet()) {
        if (!key.equals("cert_file") && !key.equals("key_file")) {
          throw new IOException(
              file + ": tls_server_config." + key + " is not supported by smtp-reply");
        }
      }
      String cert = tlsConfig.get("cert_file");
      String key = tlsConfig.get("key_file");
      if (cert == null || key == null) {
        throw new IOException(file + ": tls_server_config needs cert_file and key_file");
      }
      tls = Optional.of(sslContext(dir.resolve(cert), dir.resolve(key)));
    }
    Map<String, String> users = sections.getOrDefault("basic_auth_users", Map.of());
    for (Map.Entry<String, String> user : users.entrySet()) {
      if (!user.getValue().startsWith("$2")) {
        throw new IOException(
            file + ": basic_auth_users." + user.getKey() + " must be a bcrypt hash ($2y$…)");
      }
    }
    for (String section : sections.keySet()) {
      if (!section.equals("tls_server_config") && !section.equals("basic_auth_users")) {
        throw new IOException(file + ": " + section + " is not supported by smtp-reply");
      }
    }
    return new WebConfig(tls, users);
  }

  /** True when no users are configured, or the Basic credentials match one. */
  boolean authorized(String authorization) {
    if (users.isEmpty()) {
      return true;
    }
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    return verified.computeIfAbsent(authorization, this::check);
  }

  private boolean check(String authorization) {
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String hash = users.get(decoded.substring(0, colon));
    if (hash == null) {
      return false;
    }
    byte[] password = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    return BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.UTF_8)).verified;
  }

  /** The two-level mapping subset of YAML that web-config files use. */
  static Map<String, Map<String, String>> parse(List<String> lines, Path file) throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      String content = stripComment(line);
      if (content.isBlank()) {
        continue;
      }
      int colon = content.indexOf(':');
      if (colon < 0) {
        throw new IOException(file + ":" + (n + 1) + ": expected 'key: value'");
      }
      String key = unquote(content.substring(0, colon).strip());
      String value = unquote(content.substring(colon + 1).strip());
      if (!Character.isWhitespace(line.charAt(0))) {
        if (!value.isEmpty()) {
          throw new IOException(file + ":" + (n + 1) + ": " + key + " must be a mapping");
        }
        current = new LinkedHashMap<>();
        out.put(key, current);
      } else if (current == null) {
        throw new IOException(file + ":" + (n + 1) + ": indented line outside a section");
      } else {
        current.put(key, value);
      }
    }
    return out;
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static SSLContext sslContext(Path certFile, Path keyFile) throws IOException {
    try {
      Collection<? extends Certificate> chain;
      try (var in = Files.newInputStream(certFile)) {
        chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (chain.isEmpty()) {
        throw new IOException(certFile + ": no certificate found");
      }
      String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
        throw new IOException(
            keyFile
                + ": the key must be PKCS#8 PEM (BEGIN PRIVATE KEY); convert with"
                + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
      }
      String base64 =
          pem.replaceAll("(?s).*-----BEGIN PRIVATE KEY-----", "")
              .replaceAll("(?s)-----END PRIVATE KEY-----.*", "")
              .replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(base64);
      PrivateKey key = null;
      for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
        try {
          key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
          break;
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      if (key == null) {
        throw new IOException(keyFile + ": not an RSA, EC or Ed25519 private key");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", key, new char[0], new ArrayList<>(chain).toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(
          "cannot set up TLS from " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
    }
  }
}
