package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.testkit.ScriptedSmtp;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented idiom: retry transient failures with back-off, dead-letter permanent ones, and
 * never send again to recipients who already got the message.
 */
class RoutingIdiomTest {
  private CamelContext camel;
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();

  @AfterEach
  void stop() {
    camel.stop();
  }

  private void start(String options) throws Exception {
    camel = new DefaultCamelContext();
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            onException(Exception.class)
                .onWhen(SmtpReplyPredicates.isTransient())
                .maximumRedeliveries(3)
                .redeliveryDelay(1)
                .useExponentialBackOff()
                .handled(true)
                .to("mock:gave-up");
            onException(Exception.class)
                .onWhen(
                    PredicateBuilder.or(
                        SmtpReplyPredicates.isPermanent(), SmtpReplyPredicates.isPartial()))
                .handled(true)
                .to("mock:dead");
            from("direct:mail")
                .routeId("mailer")
                .to("smtp://127.0.0.1:" + smtp.port() + "?from=billing@example.com" + options)
                .to("mock:sent");
          }
        });
    camel.start();
  }

  private Exchange send(String to) {
    return camel
        .createProducerTemplate()
        .send(
            "direct:mail",
            e -> {
              e.getIn().setHeader("To", to);
              e.getIn().setBody("Invoice");
            });
  }

  private MockEndpoint mock(String name) {
    return camel.getEndpoint("mock:" + name, MockEndpoint.class);
  }

  @Test
  void transientIsRetriedThenGivenUp() throws Exception {
    smtp.rcpt("carol@example.com").replies(452, "4.2.2 Mailbox full");
    start("");
    send("carol@example.com");
    assertThat(smtp.rcptCount("carol@example.com")).isEqualTo(4);
    assertThat(mock("gave-up").getReceivedCounter()).isEqualTo(1);
    assertThat(mock("dead").getReceivedCounter()).isZero();
    assertThat(mock("sent").getReceivedCounter()).isZero();
  }

  @Test
  void permanentGoesStraightToTheDeadLetterWithItsReason() throws Exception {
    smtp.rcpt("bob@example.com").replies(550, "5.1.1 User unknown");
    start("");
    send("bob@example.com");
    assertThat(smtp.rcptCount("bob@example.com")).isEqualTo(1);
    assertThat(mock("dead").getReceivedCounter()).isEqualTo(1);
    Exchange dead = mock("dead").getReceivedExchanges().get(0);
    assertThat(dead.getMessage().getHeader(SmtpReplyConstants.REASON)).isEqualTo("user_unknown");
    assertThat(SmtpReplyPredicates.enhancedMatches("5.1.*").matches(dead)).isTrue();
    assertThat(SmtpReplyPredicates.atStage("rcpt").matches(dead)).isTrue();
    assertThat(SmtpReplyPredicates.hasCode(550).matches(dead)).isTrue();
  }

  @Test
  void partialIsNeverSentAgain() throws Exception {
    smtp.rcpt("dave@example.com").replies(450, "4.2.0 Mailbox busy");
    start("&additionalJavaMailProperties.mail.smtp.sendpartial=true");
    send("ann@example.com, dave@example.com");
    assertThat(smtp.messages()).hasSize(1);
    assertThat(mock("dead").getReceivedCounter()).isEqualTo(1);
    assertThat(mock("gave-up").getReceivedCounter()).isZero();
  }

  @Test
  void successPassesThrough() throws Exception {
    start("");
    Exchange e = send("ann@example.com");
    assertThat(SmtpReplyPredicates.isSuccess().matches(e)).isTrue();
    assertThat(mock("sent").getReceivedCounter()).isEqualTo(1);
  }
}
