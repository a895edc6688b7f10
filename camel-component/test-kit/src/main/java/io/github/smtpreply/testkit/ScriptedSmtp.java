package io.github.smtpreply.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SMTP server on loopback whose answers are scripted per stage, per recipient and per
 * attempt, and which records what it received; a JUnit 5 extension. Point the code under test at
 * {@code 127.0.0.1:}{@link #port()}:
 *
 * <pre>{@code
 * @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();
 *
 * @Test
 * void retriesGreylistedRecipient() {
 *   smtp.rcpt("carol@example.com").replies(451, "4.7.1 Greylisted").thenReplies(250, "2.1.5 Ok");
 *   mailer.send("carol@example.com");   // your code, with its retry logic
 *   SmtpAssertions.assertThat(smtp).sawRcptFor("carol@example.com", 2)
 *       .receivedMessageFor("carol@example.com");
 * }
 * }</pre>
 *
 * <p>As a {@code static} field the server starts once for the class (one port for all tests); as an
 * instance field, once per test. Either way scripts and records are reset before each test. Outside
 * JUnit: {@code try (ScriptedSmtp smtp = ScriptedSmtp.onLoopback().start()) {...}}.
 *
 * <p><b>Why a server of its own, not SubEthaSMTP.</b> The point of the kit is the answers a library
 * server does not give: a connection dropped after the end of data without a reply (the
 * duplicate-delivery case), silence, a delay at any stage, scripted EHLO and AUTH replies, and any
 * of these differing per attempt. SubEthaSMTP can reject at greeting, MAIL, RCPT and DATA but none
 * of the rest, so using it would mean two servers with two session models, where a test's results
 * depended on which stages it scripted. The part of RFC 5321 a test server needs is small
 * (HELO/EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, VRFY, QUIT), and
 * writing it keeps users' test class paths free of SubEthaSMTP's own mail and logging dependencies.
 * It speaks plain SMTP over TCP, so Jakarta Mail, Angus Mail and camel-mail talk to it unchanged.
 * It offers no STARTTLS (answers 454) and no PIPELINING or CHUNKING.
 *
 * <p><b>Bounds.</b> Sessions run on daemon threads. Past {@link Builder#maxConnections} a
 * connection gets {@code 421} and is closed; a line longer than {@link Builder#maxLineLength} gets
 * {@code 500 5.5.2}; a message over {@link Builder#maxMessageSize} gets {@code 552 5.3.4}; a client
 * silent for {@link Builder#readTimeout} gets {@code 421 4.4.2} and is closed. {@link #close()}
 * closes every connection and frees the port.
 */
public final class ScriptedSmtp
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        AutoCloseable {

  /** The limits and names a server runs with. */
  record Settings(
      String hostname,
      int port,
      int maxConnections,
      int maxLineLength,
      int maxMessageSize,
      Duration readTimeout) {}

  /** Options for a server; {@link ScriptedSmtp#onLoopback()} takes the defaults. */
  public static final class Builder {
    private String hostname = "localhost";
    private int port;
    private int maxConnections = 16;
    private int maxLineLength = 4096;
    private int maxMessageSize = 10 * 1024 * 1024;
    private Duration readTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The name in the greeting and the EHLO reply; {@code localhost} by default. */
    public Builder hostname(String hostname) {
      if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("a host name without spaces: '" + hostname + "'");
      }
      this.hostname = hostname;
      return this;
    }

    /** A fixed port; 0 (the default) takes a free one. */
    public Builder port(int port) {
      this.port = check("port", port, 0, 65535);
      return this;
    }

    /**
     * Connections open at once; past this a client gets 421 and is closed, unrecorded. 16 by
     * default.
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = check("maxConnections", maxConnections, 1, 1024);
      return this;
    }

    /** Longest line, CRLF included, in commands and data; 4096 by default (RFC minimum 512). */
    public Builder maxLineLength(int maxLineLength) {
      this.maxLineLength = check("maxLineLength", maxLineLength, 512, 1 << 20);
      return this;
    }

    /** Largest message in bytes, advertised as SIZE; 10 MiB by default. */
    public Builder maxMessageSize(int maxMessageSize) {
      this.maxMessageSize = check("maxMessageSize", maxMessageSize, 1, Integer.MAX_VALUE);
      return this;
    }

    /** How long the server waits for a client line before it gives up; 30 s by default. */
    public Builder readTimeout(Duration readTimeout) {
      if (readTimeout.toMillis() < 1 || readTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("readTimeout from 1 ms: " + readTimeout);
      }
      this.readTimeout = readTimeout;
      return this;
    }

    public ScriptedSmtp build() {
      return new ScriptedSmtp(
          new Settings(hostname, port, maxConnections, maxLineLength, maxMessageSize, readTimeout));
    }

    private static int check(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " from " + min + " to " + max + ": " + value);
      }
      return value;
    }
  }

  private final Settings settings;
  private final Stage greeting = new Stage("greeting");
  private final Stage ehlo = new Stage("ehlo");
  private final Stage auth = new Stage("auth");
  private final Stage mailFrom = new Stage("mail from");
  private final Stage rcpt = new Stage("rcpt");
  private final Map<String, Stage> rcptByAddress = new ConcurrentHashMap<>();
  private final Stage data = new Stage("data");
  private final Stage endOfData = new Stage("end of data");
  private final Stage quit = new Stage("quit");
  private final List<SessionLog> sessions = new CopyOnWriteArrayList<>();
  private final Set<SmtpConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessionNumbers = new AtomicInteger();
  private final AtomicInteger queueIds = new AtomicInteger();

  private ServerSocket listener;
  private ExecutorService workers;
  private Thread acceptor;
  // The JUnit context that started the server is the one that stops it.
  private String startedBy;

  private ScriptedSmtp(Settings settings) {
    this.settings = settings;
  }

  /** A server on 127.0.0.1 with a free port and default limits, not yet started. */
  public static ScriptedSmtp onLoopback() {
    return builder().build();
  }

  /** Options: host name, port, limits. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- lifecycle ----

  /** Starts listening; does nothing if already started. */
  public synchronized ScriptedSmtp start() {
    if (listener != null) {
      return this;
    }
    try {
      listener = new ServerSocket(settings.port(), 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback port " + settings.port(), e);
    }
    AtomicInteger threads = new AtomicInteger();
    int port = listener.getLocalPort();
    workers =
        Executors.newCachedThreadPool(
            r -> daemon(r, "scripted-smtp-" + port + "-session-" + threads.incrementAndGet()));
    ServerSocket socket = listener;
    acceptor = daemon(() -> accept(socket), "scripted-smtp-" + port + "-accept");
    acceptor.start();
    return this;
  }

  /** Whether the server is listening. */
  public synchronized boolean isRunning() {
    return listener != null;
  }

  /** The port it listens on, on 127.0.0.1. */
  public synchronized int port() {
    if (listener == null) {
      throw new IllegalStateException("the scripted SMTP server is not started");
    }
    return listener.getLocalPort();
  }

  /** The address it listens on: {@code 127.0.0.1} (or the loopback address of this JVM). */
  public String host() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  /**
   * Forgets every script and record and closes the connections still open, so that a test starts
   * with a server that answers normally and has seen nothing. The port stays.
   */
  public synchronized void reset() {
    connections.forEach(SmtpConnection::kill);
    List.of(greeting, ehlo, auth, mailFrom, rcpt, data, endOfData, quit).forEach(Stage::reset);
    rcptByAddress.clear();
    sessions.clear();
    sessionNumbers.set(0);
    queueIds.set(0);
  }

  /** Stops listening, closes every connection and frees the port. */
  @Override
  public synchronized void close() {
    if (listener == null) {
      return;
    }
    try {
      listener.close();
    } catch (IOException e) {
      // The port is released even when close reports an error.
    }
    connections.forEach(SmtpConnection::kill);
    workers.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener = null;
    workers = null;
    acceptor = null;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!startFor(context)) {
      reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopFor(context);
  }

  private synchronized boolean startFor(ExtensionContext context) {
    if (isRunning()) {
      return false;
    }
    reset();
    start();
    startedBy = context.getUniqueId();
    return true;
  }

  private synchronized void stopFor(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      close();
      startedBy = null;
    }
  }

  // ---- scripts ----

  /** The greeting on connect; normally {@code 220 <host> ESMTP}. */
  public Stage greeting() {
    return greeting;
  }

  /**
   * The reply to EHLO, and to HELO; normally a 250 listing SIZE, 8BITMIME, ENHANCEDSTATUSCODES and
   * AUTH PLAIN LOGIN (no PIPELINING). A scripted multi-line 250 replaces that list.
   */
  public Stage ehlo() {
    return ehlo;
  }

  /** The final reply to AUTH PLAIN or LOGIN, once the credentials are in; normally 235. */
  public Stage auth() {
    return auth;
  }

  /** The reply to MAIL FROM; normally {@code 250 2.1.0 Ok}. */
  public Stage mailFrom() {
    return mailFrom;
  }

  /**
   * The reply to RCPT TO for every recipient without a script of its own; normally {@code 250 2.1.5
   * Ok}. A recipient whose RCPT gets a 2xx reply is accepted for the message. Attempts are counted
   * over all these recipients together; script {@link #rcpt(String)} to count one address alone.
   */
  public Stage rcpt() {
    return rcpt;
  }

  /** The reply to RCPT TO for this address (compared ignoring case), counted per address. */
  public Stage rcpt(String address) {
    String key = key(address);
    return rcptByAddress.computeIfAbsent(key, k -> new Stage("rcpt <" + address + ">"));
  }

  /**
   * The reply to DATA; normally {@code 354}. Any other code refuses the data and ends the
   * transaction.
   */
  public Stage data() {
    return data;
  }

  /**
   * The reply after the final dot; normally {@code 250 2.0.0 Ok: queued as <id>}. A 2xx reply
   * accepts the message; {@code dropsConnection()} closes the connection with the data read and no
   * reply, as when a server dies before it can answer.
   */
  public Stage endOfData() {
    return endOfData;
  }

  /** The reply to QUIT; normally {@code 221 2.0.0 Bye}. The server closes the connection after. */
  public Stage quit() {
    return quit;
  }

  // ---- records ----

  /** Every connection since the start or the last reset, in order, as of now. */
  public List<SmtpSession> sessions() {
    return sessions.stream().map(SessionLog::snapshot).toList();
  }

  /** The messages accepted (end-of-data reply 2xx), in the order of their sessions. */
  public List<ReceivedMessage> messages() {
    return sessions().stream()
        .flatMap(s -> s.messages().stream())
        .filter(ReceivedMessage::accepted)
        .toList();
  }

  /** The messages accepted for this recipient (compared ignoring case). */
  public List<ReceivedMessage> messagesFor(String address) {
    return messages().stream().filter(m -> m.isFor(address)).toList();
  }

  /** How many RCPT TO commands named this address (ignoring case), whatever they were answered. */
  public int rcptCount(String address) {
    return (int)
        sessions().stream()
            .flatMap(s -> s.rcptAddresses().stream())
            .filter(a -> a.equalsIgnoreCase(address))
            .count();
  }

  @Override
  public String toString() {
    return "ScriptedSmtp[" + (isRunning() ? "127.0.0.1:" + port() : "stopped") + "]";
  }

  // ---- for the sessions ----

  Settings settings() {
    return settings;
  }

  Stage rcptStage(String address) {
    Stage own = rcptByAddress.get(key(address));
    return own != null && own.isScripted() ? own : rcpt;
  }

  String nextQueueId() {
    return String.format(Locale.ROOT, "%08X", 0x4D5B1A00 + queueIds.incrementAndGet());
  }

  void ended(SmtpConnection connection) {
    connections.remove(connection);
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        // close() closed the listener.
        return;
      }
      if (connections.size() >= settings.maxConnections()) {
        refuse(client);
        continue;
      }
      SessionLog log = new SessionLog(sessionNumbers.incrementAndGet());
      sessions.add(log);
      SmtpConnection connection = new SmtpConnection(this, client, log);
      connections.add(connection);
      try {
        workers.execute(connection);
      } catch (RuntimeException e) {
        // Closing: the pool takes no more sessions.
        connection.kill();
        connections.remove(connection);
        return;
      }
    }
  }

  private void refuse(Socket client) {
    try (client) {
      client.setSoTimeout(1000);
      OutputStream out = client.getOutputStream();
      out.write(
          Reply.of(421, "4.7.0 " + settings.hostname() + " Error: too many connections")
              .wire()
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // The client left first.
    }
  }

  private static String key(String address) {
    return Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
