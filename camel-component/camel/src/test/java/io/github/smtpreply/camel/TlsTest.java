package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.smtpreply.testkit.ScriptedSmtp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * smtps endpoints: the replies are read over TLS like over plain SMTP (a real SMTPS server,
 * GreenMail's, on loopback), and smtps pointed at a plain-text server is a failed connection, not a
 * reply.
 */
class TlsTest {
  private final GreenMail smtps =
      new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));

  @RegisterExtension static ScriptedSmtp plain = ScriptedSmtp.onLoopback();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private CamelContext camel;

  @AfterEach
  void stop() {
    if (camel != null) {
      camel.stop();
    }
    smtps.stop();
  }

  private Exchange send(int port) throws Exception {
    // GreenMail's certificate is self-signed: trusted here, as a test CA would be in production.
    Properties tls = new Properties();
    tls.setProperty("mail.smtps.ssl.trust", "*");
    tls.setProperty("mail.smtps.ssl.checkserveridentity", "false");
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("registry", registry);
    camel.getRegistry().bind("tls", tls);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:main")
                .routeId("main")
                .to(
                    "smtps://127.0.0.1:"
                        + port
                        + "?from=sender@example.com&connectionTimeout=2000"
                        + "&additionalJavaMailProperties=#tls");
          }
        });
    camel.start();
    return camel
        .createProducerTemplate()
        .send(
            "direct:main",
            e -> {
              e.getIn().setHeader("To", "ann@example.com");
              e.getIn().setHeader("Subject", "invoice");
              e.getIn().setBody("Your invoice");
            });
  }

  private double count(String code, String replyClass, String stage) {
    Counter c =
        registry
            .find("smtp.replies")
            .tags("source", "camel", "route", "main", "code", code, "class", replyClass)
            .tags("stage", stage)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aDeliveryOverTlsIsTaggedWithItsEndOfDataReply() throws Exception {
    smtps.start();
    Exchange e = send(smtps.getSmtps().getPort());
    assertThat(e.getException()).isNull();
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.CODE)).isEqualTo("250");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.CLASS)).isEqualTo("success");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.STAGE)).isEqualTo("data");
    assertThat(smtps.getReceivedMessages()).hasSize(1);
    assertThat(count("250", "success", "data")).isEqualTo(1);
  }

  @Test
  void smtpsAgainstAPlainTextServerIsAFailedConnectionNotAReply() throws Exception {
    Exchange e = send(plain.port());
    assertThat(e.getException()).isNotNull();
    // No reply was read: the handshake failed on the server's plain-text greeting (RFC 3463
    // X.7.5, a TLS failure for the sender's admin to fix, not a credentials problem).
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.CODE)).isEqualTo("none");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.ENHANCED_STATUS)).isEqualTo("4.7.5");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.CLASS)).isEqualTo("transient");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.REASON)).isEqualTo("tls_required");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.STAGE)).isEqualTo("connect");
    assertThat(plain.sessions()).isNotEmpty();
    assertThat(count("none", "transient", "connect")).isEqualTo(1);
  }
}
