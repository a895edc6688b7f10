package io.github.smtpreply.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** One client connection: the server side of an RFC 5321 session, answering as scripted. */
final class SmtpConnection implements Runnable {
  /** Bounds a client that never stops sending commands; the records stay small. */
  private static final int MAX_COMMANDS = 10_000;

  private static final int MAX_RECIPIENTS = 1_000;

  private final ScriptedSmtp server;
  private final ScriptedSmtp.Settings settings;
  private final Socket socket;
  private final SessionLog log;
  private InputStream in;
  private OutputStream out;

  private boolean greeted;
  private boolean refused;
  private boolean authenticated;
  private String sender;
  private final List<String> recipients = new ArrayList<>();

  /** Ends the session: the script dropped the connection, stayed silent, or the server closes. */
  private static final class Hangup extends Exception {
    private static final long serialVersionUID = 1L;

    Hangup() {
      super(null, null, false, false);
    }
  }

  /** A line read from the client, without its CRLF; {@code tooLong} when its rest was dropped. */
  private record Line(byte[] bytes, boolean tooLong) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  SmtpConnection(ScriptedSmtp server, Socket socket, SessionLog log) {
    this.server = server;
    this.settings = server.settings();
    this.socket = socket;
    this.log = log;
  }

  void kill() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the session thread ends on its next read or write.
    }
  }

  @Override
  public void run() {
    try (socket) {
      socket.setSoTimeout((int) settings.readTimeout().toMillis());
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      try {
        serve();
      } catch (SocketTimeoutException e) {
        // Inside the try-with-resources: the socket must still be open for the 421.
        write(Reply.of(421, "4.4.2 " + settings.hostname() + " Error: timeout exceeded"));
      }
    } catch (Hangup e) {
      // The script or the protocol ended the session; the socket is closed.
    } catch (IOException e) {
      // The client went away or close() closed the socket.
    } finally {
      log.closed();
      server.ended(this);
    }
  }

  private void serve() throws IOException, Hangup {
    Reply greeting =
        answer(
            server.greeting(), Reply.of(220, settings.hostname() + " ESMTP smtp-reply test kit"));
    // After a 554 greeting a server answers nothing but QUIT (RFC 5321 §3.1).
    refused = !greeting.isPositive();
    while (true) {
      Line line = readLine();
      if (line == null) {
        return;
      }
      if (log.commandCount() >= MAX_COMMANDS) {
        write(Reply.of(421, "4.7.0 " + settings.hostname() + " Error: too many commands"));
        throw new Hangup();
      }
      if (line.tooLong()) {
        log.command("(line longer than " + settings.maxLineLength() + " bytes)");
        write(Reply.of(500, "5.5.2 Error: line too long"));
        continue;
      }
      command(line.text());
    }
  }

  private void command(String line) throws IOException, Hangup {
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1).trim();
    // Credentials stay out of the record: AUTH is kept with its mechanism only.
    log.command(verb.equals("AUTH") ? "AUTH " + firstWord(argument) : line);
    if (refused && !verb.equals("QUIT")) {
      write(Reply.of(503, "5.5.1 Error: service refused, send QUIT"));
      return;
    }
    switch (verb) {
      case "EHLO", "HELO" -> hello(verb, argument);
      case "AUTH" -> auth(argument);
      case "MAIL" -> mail(argument);
      case "RCPT" -> rcpt(argument);
      case "DATA" -> data(argument);
      case "RSET" -> {
        endTransaction();
        write(Reply.of(250, "2.0.0 Ok"));
      }
      case "NOOP" -> write(Reply.of(250, "2.0.0 Ok"));
      case "VRFY" -> write(Reply.of(252, "2.0.0 Cannot VRFY user"));
      case "STARTTLS" -> write(Reply.of(454, "4.7.0 TLS not available"));
      case "QUIT" -> {
        answer(server.quit(), Reply.of(221, "2.0.0 Bye"));
        throw new Hangup();
      }
      default -> write(Reply.of(502, "5.5.2 Error: command not recognized"));
    }
  }

  private void hello(String verb, String name) throws IOException, Hangup {
    if (name.isEmpty()) {
      write(Reply.of(501, "5.5.4 Syntax: " + verb + " hostname"));
      return;
    }
    log.clientName(name);
    endTransaction();
    Reply normal =
        verb.equals("EHLO")
            ? Reply.of(
                250,
                settings.hostname(),
                "SIZE " + settings.maxMessageSize(),
                "8BITMIME",
                "ENHANCEDSTATUSCODES",
                "AUTH PLAIN LOGIN")
            : Reply.of(250, settings.hostname());
    greeted = answer(server.ehlo(), normal).isPositive() || greeted;
  }

  private void auth(String argument) throws IOException, Hangup {
    if (!greeted || authenticated || sender != null) {
      write(Reply.of(503, "5.5.1 Error: AUTH not allowed now"));
      return;
    }
    String mechanism = firstWord(argument).toUpperCase(Locale.ROOT);
    String initial =
        argument.length() > mechanism.length() ? argument.substring(mechanism.length()).trim() : "";
    switch (mechanism) {
      case "PLAIN" -> {
        if (!challenge("", initial)) {
          return;
        }
      }
      case "LOGIN" -> {
        // Base64 of "Username:" and "Password:", as RFC-less but universal AUTH LOGIN has it.
        if (!challenge("VXNlcm5hbWU6", initial) || !challenge("UGFzc3dvcmQ6", "")) {
          return;
        }
      }
      default -> {
        write(Reply.of(504, "5.5.4 Unrecognized authentication type"));
        return;
      }
    }
    authenticated =
        answer(server.auth(), Reply.of(235, "2.7.0 Authentication successful")).isPositive();
  }

  /** Takes one client response, asking with a 334 unless the client sent it already. */
  private boolean challenge(String prompt, String initial) throws IOException, Hangup {
    String response = initial;
    if (response.isEmpty()) {
      write(Reply.of(334, prompt));
      Line line = readLine();
      if (line == null) {
        throw new Hangup();
      }
      response = line.tooLong() ? "" : line.text().trim();
    }
    if (response.equals("*")) {
      write(Reply.of(501, "5.7.0 Authentication aborted"));
      return false;
    }
    try {
      Base64.getDecoder().decode(response);
    } catch (IllegalArgumentException e) {
      write(Reply.of(501, "5.5.2 Cannot decode response"));
      return false;
    }
    return true;
  }

  private void mail(String argument) throws IOException, Hangup {
    if (!greeted) {
      write(Reply.of(503, "5.5.1 Error: send HELO/EHLO first"));
      return;
    }
    if (sender != null) {
      write(Reply.of(503, "5.5.1 Error: nested MAIL command"));
      return;
    }
    Optional<String[]> path = path("FROM:", argument);
    if (path.isEmpty()) {
      write(Reply.of(501, "5.5.4 Syntax: MAIL FROM:<address>"));
      return;
    }
    for (String parameter : path.get()[1].split(" ")) {
      if (parameter.toUpperCase(Locale.ROOT).startsWith("SIZE=")) {
        long size;
        try {
          size = Long.parseLong(parameter.substring(5));
        } catch (NumberFormatException e) {
          write(Reply.of(501, "5.5.4 Bad SIZE parameter"));
          return;
        }
        if (size > settings.maxMessageSize()) {
          write(Reply.of(552, "5.3.4 Message size exceeds fixed limit"));
          return;
        }
      }
    }
    if (answer(server.mailFrom(), Reply.of(250, "2.1.0 Ok")).isPositive()) {
      sender = path.get()[0];
    }
  }

  private void rcpt(String argument) throws IOException, Hangup {
    if (sender == null) {
      write(Reply.of(503, "5.5.1 Error: need MAIL command"));
      return;
    }
    Optional<String[]> path = path("TO:", argument);
    if (path.isEmpty() || path.get()[0].isEmpty()) {
      write(Reply.of(501, "5.5.4 Syntax: RCPT TO:<address>"));
      return;
    }
    if (recipients.size() >= MAX_RECIPIENTS) {
      write(Reply.of(452, "4.5.3 Error: too many recipients"));
      return;
    }
    String address = path.get()[0];
    log.rcpt(address);
    if (answer(server.rcptStage(address), Reply.of(250, "2.1.5 Ok")).isPositive()) {
      recipients.add(address);
    }
  }

  private void data(String argument) throws IOException, Hangup {
    if (sender == null) {
      write(Reply.of(503, "5.5.1 Error: need MAIL command"));
      return;
    }
    if (!argument.isEmpty()) {
      write(Reply.of(501, "5.5.4 Syntax: DATA"));
      return;
    }
    if (recipients.isEmpty()) {
      write(Reply.of(554, "5.5.1 Error: no valid recipients"));
      return;
    }
    Reply go = answer(server.data(), Reply.of(354, "End data with <CR><LF>.<CR><LF>"));
    if (go.code() != 354) {
      // A refused DATA ends the transaction, as a 554 from a real server does.
      endTransaction();
      return;
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean tooBig = false;
    boolean lineTooLong = false;
    while (true) {
      Line line = readLine();
      if (line == null) {
        throw new Hangup();
      }
      byte[] bytes = line.bytes();
      if (bytes.length == 1 && bytes[0] == '.') {
        break;
      }
      lineTooLong |= line.tooLong();
      // A leading dot was doubled by the client (RFC 5321 §4.5.2).
      int from = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
      if (data.size() + bytes.length - from + 2 > settings.maxMessageSize()) {
        tooBig = true;
      } else if (!tooBig) {
        data.write(bytes, from, bytes.length - from);
        data.write('\r');
        data.write('\n');
      }
    }
    String from = sender;
    List<String> to = List.copyOf(recipients);
    endTransaction();
    if (tooBig) {
      write(Reply.of(552, "5.3.4 Error: message too big"));
      return;
    }
    if (lineTooLong) {
      write(Reply.of(500, "5.5.2 Error: line too long"));
      return;
    }
    String queueId = server.nextQueueId();
    byte[] raw = data.toByteArray();
    answer(
        server.endOfData(),
        Reply.of(250, "2.0.0 Ok: queued as " + queueId),
        reply -> log.message(new ReceivedMessage(log.number(), from, to, raw, reply, queueId)));
  }

  private void endTransaction() {
    sender = null;
    recipients.clear();
  }

  private Reply answer(Stage stage, Reply normal) throws IOException, Hangup {
    return answer(stage, normal, reply -> {});
  }

  /**
   * Answers as the stage's script says for this attempt. {@code record} learns the reply about to
   * be given (empty for a drop or silence) before the client can see it, so a test that reads the
   * records once its client returned finds them there.
   */
  private Reply answer(Stage stage, Reply normal, Consumer<Optional<Reply>> record)
      throws IOException, Hangup {
    Step step = stage.next();
    Reply reply =
        switch (step.kind()) {
          case NORMAL -> normal;
          case REPLY -> step.reply();
          case DROP, SILENT -> null;
        };
    record.accept(Optional.ofNullable(reply));
    if (!step.delay().isZero()) {
      try {
        Thread.sleep(step.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Hangup();
      }
    }
    if (step.kind() == Step.Kind.SILENT) {
      drain();
    }
    if (reply == null) {
      throw new Hangup();
    }
    write(reply);
    // 421 means the server closes the channel (RFC 5321 §3.8).
    if (reply.code() == 421) {
      throw new Hangup();
    }
    return reply;
  }

  /** Reads and ignores whatever comes until the client closes or the read timeout passes. */
  private void drain() throws IOException {
    byte[] sink = new byte[1024];
    try {
      while (in.read(sink) >= 0) {
        // Silence: nothing is answered.
      }
    } catch (SocketTimeoutException e) {
      // The server gives up silently as well.
    }
  }

  private void write(Reply reply) throws IOException {
    out.write(reply.wire().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * A line up to LF, without its CRLF. A line longer than the limit (CRLF included) is read to its
   * end but kept only in part, and marked too long. Null at the end of the stream.
   */
  private Line readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int limit = settings.maxLineLength();
    int count = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        boolean tooLong = count + 1 > limit;
        if (!tooLong && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
          bytes = Arrays.copyOf(bytes, bytes.length - 1);
        }
        return new Line(bytes, tooLong);
      }
      count++;
      if (count <= limit) {
        line.write(b);
      }
    }
  }

  /** Splits {@code FROM:<a@b> PARAMS} into the address and the parameters; empty if malformed. */
  private static Optional<String[]> path(String keyword, String argument) {
    if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
      return Optional.empty();
    }
    String rest = argument.substring(keyword.length()).trim();
    if (!rest.startsWith("<")) {
      return Optional.empty();
    }
    int close = rest.indexOf('>');
    if (close < 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {rest.substring(1, close), rest.substring(close + 1).trim()});
  }

  private static String firstWord(String s) {
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }
}
