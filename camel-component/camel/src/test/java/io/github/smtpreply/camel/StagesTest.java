package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.testkit.ScriptedSmtp;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stages beyond the acceptance scenario, each against a real SMTP server on loopback. */
class StagesTest {
  private CamelContext camel;
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();

  @AfterEach
  void stop() {
    camel.stop();
  }

  private Exchange send(String uriOptions, String to) throws Exception {
    camel = new DefaultCamelContext();
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:send")
                .routeId("send")
                .to("smtp://127.0.0.1:" + smtp.port() + "?from=sender@example.com" + uriOptions);
          }
        });
    camel.start();
    return camel
        .createProducerTemplate()
        .send(
            "direct:send",
            e -> {
              e.getIn().setHeader("To", to);
              e.getIn().setBody("Body");
            });
  }

  private static String h(Exchange e, String name) {
    return e.getMessage().getHeader(name, String.class);
  }

  @Test
  void senderRejectedAtMailFrom() throws Exception {
    smtp.mailFrom()
        .replies(553, "5.7.1 <sender@example.com>: Sender address rejected: not owned by user");
    Exchange e = send("", "ann@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("553");
    assertThat(h(e, SmtpReplyConstants.ENHANCED_STATUS)).isEqualTo("5.7.1");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("mail");
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("permanent");
  }

  @Test
  void messageRejectedAtEndOfData() throws Exception {
    smtp.endOfData().replies(554, "5.7.1 Message rejected as spam");
    Exchange e = send("", "ann@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("554");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("data");
    assertThat(h(e, SmtpReplyConstants.REASON)).isEqualTo("spam");
  }

  @Test
  void recipientsWithDifferentAnswersAreEachReportedAndTheWorstDecides() throws Exception {
    smtp.rcpt("carol@example.com").replies(451, "4.7.1 Greylisted");
    smtp.rcpt("bob@example.com").replies(550, "5.1.1 User unknown");
    Exchange e = send("", "ann@example.com, carol@example.com, bob@example.com");
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("550");
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("permanent");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> recipients =
        e.getMessage().getHeader(SmtpReplyConstants.RECIPIENTS, List.class);
    assertThat(recipients)
        .extracting(r -> r.get("address") + " " + r.get("code") + " " + r.get("class"))
        .containsExactly(
            "ann@example.com 250 success",
            "carol@example.com 451 transient",
            "bob@example.com 550 permanent");
    assertThat(smtp.messages()).isEmpty();
  }

  @Test
  void partialDeliveryIsPartial() throws Exception {
    smtp.rcpt("bob@example.com").replies(550, "5.1.1 User unknown");
    Exchange e =
        send(
            "&additionalJavaMailProperties.mail.smtp.sendpartial=true",
            "ann@example.com, bob@example.com");
    assertThat(smtp.messages())
        .singleElement()
        .satisfies(r -> assertThat(r.recipients()).containsExactly("ann@example.com"));
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("partial");
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("550");
  }

  @Test
  void connectionLostAfterTheEndOfDataLeavesDeliveryUnknown() throws Exception {
    smtp.endOfData().dropsConnection();
    Exchange e = send("", "ann@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("none");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("data");
    // The server may have queued the message: retrying could deliver it twice.
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("unknown");
    assertThat(SmtpReplyPredicates.isTransient().matches(e)).isFalse();
  }

  @Test
  void connectionLostBeforeDataIsTransientAtItsStage() throws Exception {
    smtp.rcpt().dropsConnection();
    Exchange e = send("", "ann@example.com");
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("none");
    assertThat(h(e, SmtpReplyConstants.ENHANCED_STATUS)).isEqualTo("4.4.2");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("rcpt");
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("transient");
  }

  @Test
  void silentGreetingTimesOutAsNoReplyAtGreeting() throws Exception {
    smtp.greeting().staysSilent();
    Exchange e =
        send(
            "&connectionTimeout=500&additionalJavaMailProperties.mail.smtp.timeout=500",
            "ann@example.com");
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("none");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("greeting");
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("transient");
  }

  @Test
  void ehloRejectedIsTaggedAtHelo() throws Exception {
    smtp.ehlo().replies(554, "5.7.1 Access denied");
    Exchange e = send("", "ann@example.com");
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("554");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("helo");
  }

  @Test
  void failedLoginIsTaggedAtAuth() throws Exception {
    smtp.auth().replies(535, "5.7.8 Authentication credentials invalid");
    Exchange e = send("&username=billing&password=wrong", "ann@example.com");
    assertThat(e.getException()).isNotNull();
    assertThat(h(e, SmtpReplyConstants.CODE)).isEqualTo("535");
    assertThat(h(e, SmtpReplyConstants.ENHANCED_STATUS)).isEqualTo("5.7.8");
    assertThat(h(e, SmtpReplyConstants.STAGE)).isEqualTo("auth");
    assertThat(h(e, SmtpReplyConstants.CLASS)).isEqualTo("permanent");
    assertThat(h(e, SmtpReplyConstants.TEXT)).doesNotContain("wrong");
  }
}
