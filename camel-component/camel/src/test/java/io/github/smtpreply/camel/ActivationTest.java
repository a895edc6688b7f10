package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.testkit.ScriptedSmtp;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jar activates itself; a property turns that off; an explicit call turns it back on. */
class ActivationTest {
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();
  private CamelContext camel;

  @AfterEach
  void stop() {
    System.clearProperty(SmtpReplySettings.ENABLED);
    camel.stop();
  }

  private Exchange sendThrough(CamelContext context) throws Exception {
    camel = context;
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:a").to("smtp://127.0.0.1:" + smtp.port() + "?from=a@example.com");
          }
        });
    camel.start();
    return camel
        .createProducerTemplate()
        .send("direct:a", e -> e.getIn().setHeader("To", "b@example.com"));
  }

  @Test
  void activeByDefault() throws Exception {
    assertThat(
            sendThrough(new DefaultCamelContext()).getMessage().getHeader(SmtpReplyConstants.CODE))
        .isEqualTo("250");
  }

  @Test
  void aPropertyTurnsItOff() throws Exception {
    System.setProperty(SmtpReplySettings.ENABLED, "false");
    Exchange e = sendThrough(new DefaultCamelContext());
    assertThat(e.getException()).isNull();
    assertThat(e.getMessage().getHeaders()).doesNotContainKey(SmtpReplyConstants.CODE);
  }

  @Test
  void anExplicitInstallWorksWhenTheAutomaticOneIsOff() throws Exception {
    System.setProperty(SmtpReplySettings.ENABLED, "false");
    CamelContext context = new DefaultCamelContext();
    SmtpReply.install(context);
    SmtpReply.install(context); // twice is once
    assertThat(context.getManagementStrategy().getEventNotifiers()).hasSize(1);
    assertThat(sendThrough(context).getMessage().getHeader(SmtpReplyConstants.CLASS))
        .isEqualTo("success");
  }
}
