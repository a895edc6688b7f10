package io.github.smtpreply.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
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
  /** Verified credentials remembered; a scraper or two and a few people fit. */
  static final int CACHED_CREDENTIALS = 64;

  private final Optional<SSLContext> tls;
  private final Map<String, String> users;
  private final PasswordCheck check;

  /** A hash of the users' highest cost, verified for unknown users so they cost the same time. */
  private final String dummyHash;

  /**
   * SHA-256 digests of Authorization headers that verified, least recently used first; bcrypt's
   * deliberate cost is paid once per good credential. Failures are never remembered, so failed
   * logins cannot grow memory.
   */
  private final Map<String, Boolean> verified =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > CACHED_CREDENTIALS;
            }
          });

  /** Checks a password against a bcrypt hash; the one slow step, separate so tests can count it. */
  @FunctionalInterface
  interface PasswordCheck {
    boolean matches(byte[] password, String hash);

    PasswordCheck BCRYPT =
        (password, hash) -> {
          try {
            return BCrypt.verifyer()
                .verify(password, hash.getBytes(StandardCharsets.UTF_8))
                .verified;
          } catch (IllegalArgumentException e) {
            return false; // e.g. a password longer than bcrypt's 72 bytes
          }
        };
  }

  private WebConfig(
      Optional<SSLContext> tls, Map<String, String> users, String dummyHash, PasswordCheck check) {
    this.tls = tls;
    this.users = Map.copyOf(users);
    this.dummyHash = dummyHash;
    this.check = check;
  }

  /** No TLS, no authentication. */
  public static WebConfig none() {
    return new WebConfig(Optional.empty(), Map.of(), null, PasswordCheck.BCRYPT);
  }

  /** The same configuration, checking passwords with {@code check}. */
  WebConfig withPasswordCheck(PasswordCheck check) {
    return new WebConfig(tls, users, dummyHash, check);
  }

  Optional<SSLContext> tls() {
    return tls;
  }

  /** True when the server is to speak HTTPS. */
  public boolean usesTls() {
    return tls.isPresent();
  }

  /** Reads a web config file; relative paths in it are resolved against its folder. */
  public static WebConfig read(Path file) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read web config " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    Map<String, Map<String, String>> sections = parse(lines, file);
    for (String section : sections.keySet()) {
      if (!section.equals("tls_server_config") && !section.equals("basic_auth_users")) {
        throw new ConfigException(file + ": " + section + " is not supported by smtp-reply");
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    Optional<SSLContext> tls = Optional.empty();
    Map<String, String> tlsConfig = sections.get("tls_server_config");
    if (tlsConfig != null) {
      for (String key : tlsConfig.keySet()) {
        if (!key.equals("cert_file") && !key.equals("key_file")) {
          throw new ConfigException(
              file + ": tls_server_config." + key + " is not supported by smtp-reply");
        }
      }
      String cert = tlsConfig.get("cert_file");
      String key = tlsConfig.get("key_file");
      if (cert == null || key == null) {
        throw new ConfigException(file + ": tls_server_config needs cert_file and key_file");
      }
      tls = Optional.of(sslContext(file, dir.resolve(cert), dir.resolve(key)));
    }
    Map<String, String> users = sections.getOrDefault("basic_auth_users", Map.of());
    int cost = 0;
    for (Map.Entry<String, String> user : users.entrySet()) {
      cost = Math.max(cost, bcryptCost(file, user.getKey(), user.getValue()));
    }
    String dummy =
        users.isEmpty()
            ? null
            : new String(
                BCrypt.withDefaults().hash(cost, randomPassword()), StandardCharsets.UTF_8);
    return new WebConfig(tls, users, dummy, PasswordCheck.BCRYPT);
  }

  /** The cost of a well-formed bcrypt hash; a clear error for anything else. */
  private static int bcryptCost(Path file, String user, String hash) throws ConfigException {
    try {
      return BCrypt.Version.VERSION_2A.parser.parse(hash.getBytes(StandardCharsets.UTF_8)).cost;
    } catch (IllegalBCryptFormatException | IllegalArgumentException e) {
      throw new ConfigException(
          file
              + ": basic_auth_users."
              + user
              + " must be a bcrypt hash ($2y$10$ and 53 more characters, as htpasswd -nB"
              + " prints): "
              + e.getMessage());
    }
  }

  private static byte[] randomPassword() {
    byte[] password = new byte[16];
    new SecureRandom().nextBytes(password);
    return password;
  }

  /** What a request's credentials get. */
  enum Access {
    /** No users configured, or the credentials match one. */
    GRANTED,
    /** Missing or wrong credentials. */
    DENIED,
    /**
     * Not checked: as many password checks as allowed are running. bcrypt is slow on purpose, so
     * unremembered credentials could otherwise keep every core busy and starve scrapes.
     */
    BUSY
  }

  /**
   * Password checks that may run at once: half the processors, at least one, so that failed logins
   * (never remembered) cannot take all the CPU. Remembered credentials need no check.
   */
  static final int MAX_PASSWORD_CHECKS =
      Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  private final Semaphore passwordChecks = new Semaphore(MAX_PASSWORD_CHECKS);

  /** Whether the request's Authorization header grants access. */
  Access access(String authorization) {
    if (users.isEmpty()) {
      return Access.GRANTED;
    }
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return Access.DENIED;
    }
    String digest = digest(authorization);
    if (verified.get(digest) != null) {
      return Access.GRANTED;
    }
    if (!passwordChecks.tryAcquire()) {
      return Access.BUSY;
    }
    boolean ok;
    try {
      ok = check(authorization);
    } finally {
      passwordChecks.release();
    }
    if (ok) {
      verified.put(digest, Boolean.TRUE);
    }
    return ok ? Access.GRANTED : Access.DENIED;
  }

  /** Credentials remembered now (bounded by {@link #CACHED_CREDENTIALS}). */
  int cachedCredentials() {
    return verified.size();
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
    byte[] password = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    if (hash == null) {
      // The same bcrypt work as for a known user, so the time does not tell who exists.
      check.matches(password, dummyHash);
      return false;
    }
    return check.matches(password, hash);
  }

  private static String digest(String authorization) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(authorization.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The two-level mapping subset of YAML that web-config files use. A section or key given twice is
   * an error: which of the two would apply is exactly what a reader cannot tell.
   */
  static Map<String, Map<String, String>> parse(List<String> lines, Path file)
      throws ConfigException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    Map<String, String> current = null;
    String section = null;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      String content = stripComment(line);
      if (content.isBlank()) {
        continue;
      }
      String at = file + ":" + (n + 1) + ": ";
      int colon = content.indexOf(':');
      if (colon < 0) {
        throw new ConfigException(at + "expected 'key: value'");
      }
      String key = unquote(content.substring(0, colon).strip());
      String value = unquote(content.substring(colon + 1).strip());
      boolean top = !Character.isWhitespace(line.charAt(0));
      if (!top && current == null) {
        throw new ConfigException(at + "indented line outside a section");
      }
      String name = top ? key : section + "." + key;
      Integer before = firstLine.putIfAbsent(name, n + 1);
      if (before != null) {
        throw new ConfigException(at + name + " given twice (first on line " + before + ")");
      }
      if (top) {
        if (!value.isEmpty()) {
          throw new ConfigException(at + key + " must be a mapping");
        }
        section = key;
        current = new LinkedHashMap<>();
        out.put(key, current);
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

  private static SSLContext sslContext(Path file, Path certFile, Path keyFile)
      throws ConfigException {
    String problem = file + ": tls_server_config: ";
    try {
      List<Certificate> chain;
      try (var in = Files.newInputStream(certFile)) {
        chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      }
      if (chain.isEmpty()) {
        throw new ConfigException(problem + certFile + ": no certificate found");
      }
      PrivateKey key = privateKey(problem, keyFile);
      if (!matches(key, chain.get(0).getPublicKey())) {
        throw new ConfigException(
            problem + "the key in " + keyFile + " does not match the certificate in " + certFile);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, new char[0], chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new ConfigException(
          problem + "cannot read " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(
          problem
              + "cannot set up TLS from "
              + certFile
              + " and "
              + keyFile
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static PrivateKey privateKey(String problem, Path keyFile)
      throws IOException, ConfigException {
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new ConfigException(
          problem
              + keyFile
              + ": the key must be PKCS#8 PEM (BEGIN PRIVATE KEY); convert with"
              + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
    }
    String base64 =
        pem.replaceAll("(?s).*-----BEGIN PRIVATE KEY-----", "")
            .replaceAll("(?s)-----END PRIVATE KEY-----.*", "")
            .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new ConfigException(problem + keyFile + ": not an RSA, EC or Ed25519 private key");
  }

  /** True when {@code key} signs what {@code publicKey} verifies: the pair belongs together. */
  private static boolean matches(PrivateKey key, PublicKey publicKey)
      throws GeneralSecurityException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm();
        };
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      return false;
    }
    byte[] probe = "smtp-reply".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(probe);
    return verifier.verify(signature);
  }
}
