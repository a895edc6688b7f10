package io.github.smtpreply.camel;

import io.github.smtpreply.reply.Stage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, unchanged, except that it writes every command's stage and every
 * reply into the thread's {@link SendTranscript}: the reply to the end of DATA is otherwise
 * overwritten by QUIT's before anyone can read it, and a failure's exception does not say which
 * stage it came from.
 */
final class RecordingSmtpTransport extends SMTPTransport {
  private final SendTranscript transcript;

  RecordingSmtpTransport(Session session, URLName url, String protocol, SendTranscript transcript) {
    super(session, url, protocol, protocol.equals("smtps"));
    this.transcript = transcript;
  }

  @Override
  protected synchronized boolean protocolConnect(
      String host, int port, String user, String password) throws MessagingException {
    transcript.sent(Stage.CONNECT, null);
    return super.protocolConnect(host, port, user, password);
  }

  @Override
  protected void sendCommand(String command) throws MessagingException {
    Stage stage = stageOf(command);
    // Only the envelope commands are kept: other lines may carry credentials (AUTH PLAIN ...).
    transcript.sent(stage, stage == Stage.RCPT || stage == Stage.MAIL ? command : null);
    super.sendCommand(command);
  }

  @Override
  protected boolean supportsAuthentication(String mechanism) {
    // Angus asks this right before it sends AUTH, whose lines go through a private method.
    transcript.sent(Stage.AUTH, "AUTH " + mechanism);
    return super.supportsAuthentication(mechanism);
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    transcript.markEndOfData();
    super.finishData();
  }

  @Override
  protected int readServerResponse() throws MessagingException {
    if (transcript.stage() == Stage.CONNECT) {
      transcript.connected(); // the first thing read on a connection is the greeting
    }
    int code;
    try {
      code = super.readServerResponse();
    } catch (MessagingException e) {
      transcript.lost();
      throw e;
    }
    if (code >= 0) {
      transcript.replied(code, getLastServerResponse());
    } else {
      transcript.lost(); // end of stream: the server closed the connection instead of answering
    }
    return code;
  }

  private static Stage stageOf(String command) {
    String verb = command.length() > 10 ? command.substring(0, 10) : command;
    verb = verb.toUpperCase(Locale.ROOT);
    if (verb.startsWith("EHLO") || verb.startsWith("HELO")) {
      return Stage.HELO;
    }
    if (verb.startsWith("STARTTLS")) {
      return Stage.STARTTLS;
    }
    if (verb.startsWith("AUTH")) {
      return Stage.AUTH;
    }
    if (verb.startsWith("MAIL FROM")) {
      return Stage.MAIL;
    }
    if (verb.startsWith("RCPT TO")) {
      return Stage.RCPT;
    }
    if (verb.startsWith("DATA") || verb.startsWith("BDAT") || verb.equals(".")) {
      return Stage.DATA;
    }
    if (verb.startsWith("QUIT")) {
      return Stage.QUIT;
    }
    return Stage.UNKNOWN;
  }
}
