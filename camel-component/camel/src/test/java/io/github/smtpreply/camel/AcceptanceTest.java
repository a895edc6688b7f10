package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.testkit.ScriptedSmtp;
import io.github.smtpreply.testkit.SmtpAssertions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's acceptance scenario: a plain Camel application with camel-mail and a Prometheus
 * registry in its Camel registry, no code of ours, no route change; the jar on the class path is
 * all. A real SMTP server on loopback (the scripted SMTP of our test kit) answers.
 */
class AcceptanceTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();
  private CamelContext camel;

  @AfterEach
  void stop() {
    if (camel != null) {
      camel.stop();
    }
  }

  private void startRoute(int port) throws Exception {
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("anyName", registry);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            onException(Exception.class)
                .onWhen(header("CamelSmtpReplyClass").isEqualTo("transient"))
                .maximumRedeliveries(2)
                .redeliveryDelay(0);
            from("direct:main")
                .routeId("main")
                .to("smtp://127.0.0.1:" + port + "?from=sender@example.com&connectionTimeout=2000");
          }
        });
    camel.start();
  }

  private Exchange send(String to) {
    return camel
        .createProducerTemplate()
        .send(
            "direct:main",
            e -> {
              e.getIn().setHeader("To", to);
              e.getIn().setHeader("Subject", "invoice");
              e.getIn().setBody("Your invoice");
            });
  }

  private static Map<String, Object> tags(Exchange e) {
    Map<String, Object> h = e.getMessage().getHeaders();
    assertThat(h)
        .as("headers")
        .containsKeys(
            "CamelSmtpReplyCode",
            "CamelSmtpReplyEnhancedStatus",
            "CamelSmtpReplyClass",
            "CamelSmtpReplyStage");
    return Map.of(
        "code", h.get("CamelSmtpReplyCode"),
        "enhanced", h.get("CamelSmtpReplyEnhancedStatus"),
        "class", h.get("CamelSmtpReplyClass"),
        "stage", h.get("CamelSmtpReplyStage"));
  }

  private double count(String code, String replyClass, String stage) {
    var c =
        registry
            .find("smtp.replies")
            .tags(
                "source",
                "camel",
                "route",
                "main",
                "code",
                code,
                "class",
                replyClass,
                "stage",
                stage)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void acceptedRecipientIsTaggedWithTheEndOfDataReply() throws Exception {
    startRoute(smtp.port());
    Exchange e = send("ann@example.com");
    assertThat(e.getException()).isNull();
    assertThat(tags(e))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("code", "250", "enhanced", "2.0.0", "class", "success", "stage", "data"));
    assertThat(e.getMessage().getHeader("CamelSmtpReplyText", String.class))
        .contains("Ok: queued as " + smtp.messagesFor("ann@example.com").get(0).queueId());
    SmtpAssertions.assertThat(smtp).receivedMessages(1).receivedMessageFor("ann@example.com");
    assertThat(count("250", "success", "data")).isEqualTo(1);
    assertThat(e.getMessage().getHeader("CamelSmtpReplyExplanationUrl"))
        .isEqualTo("http://localhost:9465/codes/250");
  }

  @Test
  void unknownUserIsPermanentAtRcptAndTriedOnce() throws Exception {
    smtp.rcpt("bob@example.com")
        .replies(550, "5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
    startRoute(smtp.port());
    Exchange e = send("bob@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(tags(e))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("code", "550", "enhanced", "5.1.1", "class", "permanent", "stage", "rcpt"));
    assertThat(e.getMessage().getHeader("CamelSmtpReplyReason")).isEqualTo("user_unknown");
    SmtpAssertions.assertThat(smtp).sawRcptFor("bob@example.com", 1).receivedMessages(0);
    assertThat(count("550", "permanent", "rcpt")).isEqualTo(1);
    @SuppressWarnings("unchecked")
    List<Map<String, String>> recipients =
        e.getMessage().getHeader("CamelSmtpReplyRecipients", List.class);
    assertThat(recipients)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r)
                  .containsEntry("address", "bob@example.com")
                  .containsEntry("code", "550");
            });
  }

  @Test
  void greylistedRecipientIsTransientAndRedeliveredTwice() throws Exception {
    smtp.rcpt("carol@example.com")
        .replies(
            451,
            "4.7.1 <carol@example.com>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/");
    startRoute(smtp.port());
    Exchange e = send("carol@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(tags(e))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("code", "451", "enhanced", "4.7.1", "class", "transient", "stage", "rcpt"));
    SmtpAssertions.assertThat(smtp).sawRcptFor("carol@example.com", 3).receivedMessages(0);
    assertThat(e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER)).isEqualTo(2);
    assertThat(count("451", "transient", "rcpt")).isEqualTo(3);
  }

  @Test
  void greetingRefusedIsTransientAtGreeting() throws Exception {
    smtp.greeting().replies(421, "4.3.2 Service shutting down");
    startRoute(smtp.port());
    Exchange e = send("ann@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(tags(e))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("code", "421", "enhanced", "4.3.2", "class", "transient", "stage", "greeting"));
    SmtpAssertions.assertThat(smtp).receivedMessages(0);
  }

  @Test
  void nothingListeningIsNoReplyAtConnect() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    startRoute(port);
    Exchange e = send("ann@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(tags(e))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("code", "none", "enhanced", "4.4.1", "class", "transient", "stage", "connect"));
    assertThat(count("none", "transient", "connect")).isEqualTo(3);
  }

  @Test
  void prometheusShowsTheCamelSeries() throws Exception {
    startRoute(smtp.port());
    send("ann@example.com");
    assertThat(registry.scrape())
        .contains(
            "smtp_replies_total{class=\"success\",code=\"250\",enhanced=\"2.0.0\",reason=\"none\",route=\"main\",source=\"camel\",stage=\"data\"} 1.0");
  }

  static void unused() throws IOException {}
}
