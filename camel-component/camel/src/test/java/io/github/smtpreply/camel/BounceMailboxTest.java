package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real bounces in a real IMAP/POP3 mailbox (GreenMail), read by a plain camel-mail route. */
class BounceMailboxTest {
  private final GreenMail mail =
      new GreenMail(
          new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3)
          });
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private CamelContext camel;

  @AfterEach
  void stop() {
    if (camel != null) {
      camel.stop();
    }
    mail.stop();
  }

  private GreenMailUser deliver(String... fixtures) throws Exception {
    mail.start();
    GreenMailUser user = mail.setUser("bounces@example.com", "bounces", "secret");
    Session session = Session.getInstance(new Properties());
    for (String name : fixtures) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/bounces/" + name)) {
        user.deliver(new MimeMessage(session, in));
      }
    }
    return user;
  }

  private List<Exchange> readAll(String protocol, int expected) throws Exception {
    int port = protocol.equals("imap") ? mail.getImap().getPort() : mail.getPop3().getPort();
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("registry", registry);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from(protocol
                    + "://127.0.0.1:"
                    + port
                    + "?username=bounces&password=secret&delete=false&initialDelay=0&delay=200")
                .routeId("bounces")
                .to("mock:bounces");
          }
        });
    MockEndpoint mock = camel.getEndpoint("mock:bounces", MockEndpoint.class);
    mock.expectedMessageCount(expected);
    camel.start();
    mock.assertIsSatisfied(10_000);
    return mock.getReceivedExchanges();
  }

  @ParameterizedTest
  @ValueSource(strings = {"imap", "pop3"})
  void aBounceIsTaggedPerRecipientAndCounted(String protocol) throws Exception {
    deliver("lhost-postfix-02.eml");
    Exchange e = readAll(protocol, 1).get(0);
    Map<String, Object> h = e.getIn().getHeaders();
    assertThat(h)
        .containsEntry("CamelSmtpDsnKind", "delivery_status")
        .containsEntry("CamelSmtpDsnFormat", "rfc3464")
        .containsEntry("CamelSmtpDsnClass", "permanent")
        .containsEntry("CamelSmtpDsnReason", "user_unknown");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> recipients =
        (List<Map<String, String>>) h.get("CamelSmtpDsnRecipients");
    assertThat(recipients).isNotEmpty();
    assertThat(recipients.get(0))
        .containsEntry("action", "failed")
        .containsEntry("code", "550")
        .containsKey("diagnostic");
    assertThat(registry.find("smtp.replies").tags("source", "dsn", "route", "bounces").counters())
        .isNotEmpty();
  }

  @Test
  void everyMailIsTaggedAndPassedOnEvenWhenItIsNoBounce() throws Exception {
    GreenMailUser user = deliver("rfc3834-01.eml", "lhost-qmail-01.eml");
    MimeMessage plain = new MimeMessage(Session.getInstance(new Properties()));
    plain.setFrom("ann@example.com");
    plain.setSubject("Lunch?");
    plain.setText("Shall we meet at noon?");
    user.deliver(plain);
    List<Exchange> exchanges = readAll("imap", 3);
    assertThat(exchanges)
        .extracting(x -> x.getIn().getHeader("CamelSmtpDsnKind"))
        .containsExactlyInAnyOrder("auto_reply", "text_bounce", "not_understood");
    assertThat(exchanges)
        .filteredOn(x -> "not_understood".equals(x.getIn().getHeader("CamelSmtpDsnKind")))
        .singleElement()
        .satisfies(
            x -> assertThat(x.getIn().getHeader("CamelSmtpDsnProblem", String.class)).isNotBlank());
  }
}
