package io.github.smtpreply.camel;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;

/**
 * camel-mail's sender with everything the endpoint configured (host, port, credentials, timeouts,
 * SSL, session), whose transport writes a {@link SendTranscript} for each send.
 */
final class RecordingMailSender extends DefaultJavaMailSender {
  /**
   * A sender configured exactly as {@code configured}, the one camel-mail built for the endpoint.
   */
  RecordingMailSender(JavaMailSender configured) {
    setHost(configured.getHost());
    setPort(configured.getPort());
    setUsername(configured.getUsername());
    setPassword(configured.getPassword());
    setProtocol(configured.getProtocol());
    setJavaMailProperties(configured.getJavaMailProperties());
    setSession(configured.getSession());
    setAuthenticator(configured.getAuthenticator());
  }

  @Override
  public void send(MimeMessage message) throws MessagingException {
    SendTranscript.begin();
    super.send(message);
  }

  @Override
  protected Transport getTransport(Session session) throws NoSuchProviderException {
    String protocol = getProtocol() == null ? "smtp" : getProtocol();
    SendTranscript transcript = SendTranscript.current();
    if (transcript == null || !(protocol.equals("smtp") || protocol.equals("smtps"))) {
      return super.getTransport(session);
    }
    return new RecordingSmtpTransport(
        session,
        new URLName(protocol, getHost(), getPort(), null, null, null),
        protocol,
        transcript);
  }
}
