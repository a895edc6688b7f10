package io.github.smtpreply.camel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A real SMTP server (SubEthaSMTP) on loopback whose answers are scripted: the greeting, and the
 * reply to each recipient. Records what it received.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  record Received(String from, List<String> recipients, String data) {}

  private final Map<String, RejectException> recipientReplies = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger rcptCommands = new AtomicInteger();
  private volatile SessionHandler.SessionAcceptance greeting =
      SessionHandler.SessionAcceptance.success();
  private volatile String dataReply = "2.0.0 Ok: queued as 4D5B1A";
  private volatile RejectException mailFromReply;
  private volatile RejectException dataRejection;
  private final SMTPServer server;

  private ScriptedSmtpServer() {
    server =
        new SMTPServer.Builder()
            .bindAddress(InetAddress.getLoopbackAddress())
            .port(0)
            .sessionHandler(
                new SessionHandler() {
                  @Override
                  public SessionAcceptance accept(Session session) {
                    return greeting;
                  }

                  @Override
                  public void onSessionEnd(Session session) {}
                })
            .messageHandlerFactory(this::handler)
            .build();
    server.start();
  }

  static ScriptedSmtpServer start() {
    return new ScriptedSmtpServer();
  }

  int port() {
    return server.getPortAllocated();
  }

  ScriptedSmtpServer greeting(int code, String text) {
    greeting = SessionHandler.SessionAcceptance.failure(code, text);
    return this;
  }

  ScriptedSmtpServer recipient(String address, int code, String text) {
    recipientReplies.put(address, new RejectException(code, text));
    return this;
  }

  ScriptedSmtpServer mailFrom(int code, String text) {
    mailFromReply = new RejectException(code, text);
    return this;
  }

  ScriptedSmtpServer endOfData(int code, String text) {
    dataRejection = new RejectException(code, text);
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  int rcptCommands() {
    return rcptCommands.get();
  }

  private MessageHandler handler(MessageContext context) {
    return new MessageHandler() {
      private String from;
      private final List<String> recipients = new CopyOnWriteArrayList<>();

      @Override
      public void from(String address) throws RejectException {
        RejectException reply = mailFromReply;
        if (reply != null) {
          throw new RejectException(reply.getCode(), reply.getMessage());
        }
        from = address;
      }

      @Override
      public void recipient(String address) throws RejectException {
        rcptCommands.incrementAndGet();
        RejectException reply = recipientReplies.get(address);
        if (reply != null) {
          throw new RejectException(reply.getCode(), reply.getMessage());
        }
        recipients.add(address);
      }

      @Override
      public String data(InputStream data) throws IOException, RejectException {
        byte[] bytes = data.readAllBytes();
        RejectException reply = dataRejection;
        if (reply != null) {
          throw new RejectException(reply.getCode(), reply.getMessage());
        }
        if (received.size() < 10_000) {
          received.add(
              new Received(
                  from, List.copyOf(recipients), new String(bytes, StandardCharsets.UTF_8)));
        }
        return dataReply;
      }

      @Override
      public void done() {}
    };
  }

  @Override
  public void close() {
    server.stop();
  }
}
