package io.github.smtpreply.testkit;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** A real SMTP client for the tests: Angus Mail's SMTP transport, as an application uses it. */
final class Mailer {
  private final Properties properties = new Properties();
  private String body = "Your invoice is attached.\r\n";

  Mailer(ScriptedSmtp smtp) {
    properties.put("mail.smtp.host", smtp.host());
    properties.put("mail.smtp.port", Integer.toString(smtp.port()));
    properties.put("mail.smtp.localhost", "client.test");
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "10000");
  }

  Mailer with(String key, String value) {
    properties.put(key, value);
    return this;
  }

  Mailer body(String text) {
    body = text;
    return this;
  }

  /** Sends one message and returns the server's last reply (the end-of-data reply on success). */
  String send(String... to) throws MessagingException {
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("sender@example.com"));
    Address[] recipients = new Address[to.length];
    for (int i = 0; i < to.length; i++) {
      recipients[i] = new InternetAddress(to[i]);
    }
    message.setRecipients(MimeMessage.RecipientType.TO, recipients);
    message.setSubject("invoice");
    message.setText(body);
    message.saveChanges();
    try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
      if ("true".equals(properties.get("mail.smtp.auth"))) {
        transport.connect("user@example.com", "s3cret-password");
      } else {
        transport.connect();
      }
      transport.sendMessage(message, recipients);
      return transport.getLastServerResponse();
    }
  }

  /** Sends, expecting a failure, and returns it. */
  MessagingException fails(String... to) {
    try {
      send(to);
    } catch (MessagingException e) {
      return e;
    }
    throw new AssertionError("the send to " + String.join(", ", to) + " succeeded");
  }
}
