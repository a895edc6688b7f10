import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Measures the exporter's HTTP server from outside, with a minimal HTTP/1.1 client on raw sockets
 * (so keep-alive, Connection: close and odd headers are under control). Run with the JDK's source
 * launcher, against any running exporter (old jar or new):
 *
 * <pre>
 * java scripts/ServerProbe.java keepalive http://127.0.0.1:9465/metrics 300
 * java scripts/ServerProbe.java slow      http://127.0.0.1:9465 200 [user:pass]
 * java scripts/ServerProbe.java logins    http://127.0.0.1:9465 790 200000
 * java scripts/ServerProbe.java timing    http://127.0.0.1:9465 prometheus 20
 * </pre>
 *
 * https:// URLs are spoken to without checking the certificate (a measurement, not a client).
 */
public class ServerProbe {
  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "keepalive" -> keepAlive(URI.create(args[1]), Integer.parseInt(args[2]));
      case "slow" -> slow(URI.create(args[1]), Integer.parseInt(args[2]), args.length > 3 ? args[3] : null);
      case "logins" -> logins(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "timing" -> timing(URI.create(args[1]), args[2], Integer.parseInt(args[3]));
      default -> {
        System.err.println("usage: keepalive URL N | slow BASE N [user:pass] | logins BASE N BYTES | timing BASE USER N");
        System.exit(2);
      }
    }
  }

  /** p50/p99 of GET over one kept-alive connection, then over a new connection each time. */
  static void keepAlive(URI url, int n) throws Exception {
    for (int i = 0; i < 20; i++) { // warm-up
      try (Socket s = open(url)) {
        exchange(s, request(url, "close", null));
      }
    }
    long[] reused = new long[n];
    try (Socket s = open(url)) {
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        Response r = exchange(s, request(url, "keep-alive", null));
        reused[i] = System.nanoTime() - t;
        check(r);
      }
    }
    long[] fresh = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      try (Socket s = open(url)) {
        check(exchange(s, request(url, "close", null)));
      }
      fresh[i] = System.nanoTime() - t;
    }
    System.out.println("GET " + url + " x" + n);
    System.out.println("  reused connection: " + percentiles(reused));
    System.out.println("  new connection:    " + percentiles(fresh));
  }

  /** Opens n connections that send one byte and go silent, then asks /-/healthy and /metrics. */
  static void slow(URI base, int n, String credentials) throws Exception {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Raw TCP even for https: one byte of what would be the TLS ClientHello or request line.
      Socket s = new Socket(base.getHost(), base.getPort());
      s.getOutputStream().write('G');
      s.getOutputStream().flush();
      slow.add(s);
    }
    Thread.sleep(500);
    System.out.println(n + " slow connections open to " + base);
    for (String path : List.of("/-/healthy", "/metrics")) {
      URI url = base.resolve(path);
      long t = System.nanoTime();
      String outcome;
      try (Socket s = open(url)) {
        s.setSoTimeout(10_000);
        outcome = "HTTP " + exchange(s, request(url, "close", auth(credentials))).status;
      } catch (IOException e) {
        outcome = "no answer (" + e + ")";
      }
      System.out.printf(Locale.ROOT, "  %-10s %s after %.0f ms%n", path, outcome, ms(System.nanoTime() - t));
    }
    // How long until the server gives up on them (any byte, EOF or reset), waiting up to 60 s.
    long t = System.nanoTime();
    int ended = 0;
    for (Socket s : slow) {
      s.setSoTimeout((int) Math.max(1, 60_000 - ms(System.nanoTime() - t)));
      try {
        s.getInputStream().read();
        ended++;
      } catch (java.net.SocketTimeoutException e) {
        // still open after 60 s
      } catch (IOException e) {
        ended++;
      }
      s.close();
    }
    System.out.printf(Locale.ROOT, "  slow connections ended by the server: %d of %d, the last after %.1f s%n", ended, n, ms(System.nanoTime() - t) / 1000);
  }

  /** n failed logins (unknown users), each with a distinct Authorization header of about `bytes` bytes. */
  static void logins(URI base, int n, int bytes) throws Exception {
    URI url = base.resolve("/metrics");
    SecureRandom random = new SecureRandom();
    int[] statuses = new int[600];
    for (int i = 0; i < n; i++) {
      byte[] junk = new byte[bytes * 3 / 4];
      random.nextBytes(junk);
      String credentials = "user-" + Base64.getEncoder().encodeToString(junk) + ":x"; // unknown user
      try (Socket s = open(url)) {
        s.setSoTimeout(30_000);
        statuses[exchange(s, request(url, "close", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))).status]++;
      } catch (IOException e) {
        statuses[0]++;
      }
    }
    StringBuilder out = new StringBuilder(n + " failed logins with ~" + bytes + "-byte headers:");
    for (int i = 0; i < statuses.length; i++) {
      if (statuses[i] > 0) {
        out.append(' ').append(i == 0 ? "error" : "HTTP " + i).append(" x").append(statuses[i]);
      }
    }
    System.out.println(out);
  }

  /** Median time of a 401 for an unknown user and for a known user with a wrong password. */
  static void timing(URI base, String knownUser, int n) throws Exception {
    URI url = base.resolve("/metrics");
    for (int round = 0; round < 2; round++) { // the first round warms up
      long[] unknown = new long[n];
      long[] known = new long[n];
      for (int i = 0; i < n; i++) {
        unknown[i] = timeLogin(url, "nobody-" + i, "wrong-" + i + "-" + round);
        known[i] = timeLogin(url, knownUser, "wrong-" + i + "-" + round);
      }
      if (round == 1) {
        System.out.println("401 for an unknown user:             " + percentiles(unknown));
        System.out.println("401 for a known user, wrong password: " + percentiles(known));
      }
    }
  }

  static long timeLogin(URI url, String user, String password) throws Exception {
    String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    try (Socket s = open(url)) {
      exchange(s, request(url, "close", null)); // connection set up (and TLS) outside the timing
    }
    try (Socket s = open(url)) {
      long t = System.nanoTime();
      Response r = exchange(s, request(url, "close", header));
      long d = System.nanoTime() - t;
      if (r.status != 401) {
        throw new IllegalStateException("expected 401, got " + r.status);
      }
      return d;
    }
  }

  static String auth(String credentials) {
    return credentials == null ? null : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", ms(sorted[sorted.length / 2]), ms(sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]), ms(sorted[sorted.length - 1]));
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static void check(Response r) {
    if (r.status != 200) {
      throw new IllegalStateException("HTTP " + r.status);
    }
  }

  static Socket open(URI url) throws Exception {
    int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
    if (url.getScheme().equals("https")) {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new TrustAll()}, null);
      Socket s = tls.getSocketFactory().createSocket(url.getHost(), port);
      s.setTcpNoDelay(true);
      return s;
    }
    Socket s = new Socket(url.getHost(), port);
    s.setTcpNoDelay(true); // as curl and Prometheus do: only the server's side is measured
    return s;
  }

  static byte[] request(URI url, String connection, String authorization) {
    String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    String r = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: " + connection + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
    return r.getBytes(StandardCharsets.ISO_8859_1);
  }

  record Response(int status, byte[] body) {}

  /** One buffered reader per socket, so a kept-alive connection's bytes are never lost. */
  static final java.util.Map<Socket, InputStream> READERS = new java.util.WeakHashMap<>();

  /** Writes one request and reads one response (Content-Length or chunked). */
  static Response exchange(Socket s, byte[] request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request);
    out.flush();
    InputStream raw = READERS.computeIfAbsent(s, k -> {
      try {
        return new BufferedInputStream(k.getInputStream());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String status = line(raw);
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String h = line(raw); h != null && !h.isEmpty(); h = line(raw)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(h.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (long size = Long.parseLong(line(raw).strip(), 16); size > 0; size = Long.parseLong(line(raw).strip(), 16)) {
        body.write(raw.readNBytes((int) size));
        line(raw);
      }
      line(raw);
    } else if (length >= 0) {
      body.write(raw.readNBytes((int) length));
    }
    return new Response(code, body.toByteArray());
  }

  /** One CRLF-terminated line, byte by byte so no bytes of the next response are taken. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String s = out.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      out.write(b);
    }
    return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
  }

  static final class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String type) {}
    public void checkServerTrusted(X509Certificate[] chain, String type) {}
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
