package io.github.smtpreply.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare TCP client for what no mail library sends on purpose: long lines, idle waits. */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  RawClient(ScriptedSmtp smtp) throws IOException {
    socket = new Socket(smtp.host(), smtp.port());
    socket.setSoTimeout(10_000);
    in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    out = socket.getOutputStream();
  }

  RawClient send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** One reply, multi-line ones joined by \n; null when the server closed the connection. */
  String reply() throws IOException {
    StringBuilder reply = new StringBuilder();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        return reply.length() == 0 ? null : reply.toString();
      }
      if (reply.length() > 0) {
        reply.append('\n');
      }
      reply.append(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return reply.toString();
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
