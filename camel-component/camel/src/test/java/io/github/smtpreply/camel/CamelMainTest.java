package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.testkit.ScriptedSmtp;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Under camel-main the application's properties configure the component. */
class CamelMainTest {
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();
  private final Main main = new Main();

  @AfterEach
  void stop() {
    main.stop();
  }

  private Exchange sendWith(String property, String value) throws Exception {
    main.addInitialProperty(property, value);
    main.configure()
        .addRoutesBuilder(
            new RouteBuilder() {
              @Override
              public void configure() {
                from("direct:a")
                    .routeId("main-route")
                    .to("smtp://127.0.0.1:" + smtp.port() + "?from=a@example.com");
              }
            });
    main.start();
    return main.getCamelContext()
        .createProducerTemplate()
        .send("direct:a", e -> e.getIn().setHeader("To", "b@example.com"));
  }

  @Test
  void theExplanationUrlComesFromTheApplicationsProperties() throws Exception {
    Exchange e = sendWith("smtp-reply.explain-url", "https://mail.example.com/smtp/");
    assertThat(e.getMessage().getHeader(SmtpReplyConstants.EXPLANATION_URL))
        .isEqualTo("https://mail.example.com/smtp/codes/250");
  }

  @Test
  void theApplicationsPropertiesCanTurnItOff() throws Exception {
    Exchange e = sendWith("smtp-reply.camel.enabled", "false");
    assertThat(e.getException()).isNull();
    assertThat(e.getMessage().getHeaders()).doesNotContainKey(SmtpReplyConstants.CODE);
  }
}
