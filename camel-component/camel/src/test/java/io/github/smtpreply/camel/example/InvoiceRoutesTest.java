package io.github.smtpreply.camel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.smtpreply.testkit.ScriptedSmtp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's Camel example: the same file, run against real SMTP and IMAP servers. */
class InvoiceRoutesTest {
  @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();
  private final GreenMail imap =
      new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private CamelContext camel;

  @AfterEach
  void stop() {
    camel.stop();
    imap.stop();
  }

  @Test
  void theReadmeShowsThisExampleAsItIs() throws Exception {
    String example =
        Files.readString(
            Path.of("src/test/java/io/github/smtpreply/camel/example/InvoiceRoutes.java"));
    String readme = Files.readString(Path.of("../../README.md"));
    String body = example.substring(example.indexOf("import "));
    assertThat(readme).contains(body);
    camel = new DefaultCamelContext();
    imap.start();
  }

  @Test
  void sendsRetriesDeadLettersAndCountsTheBounces() throws Exception {
    smtp.rcpt("carol@example.com").replies(451, "4.7.1 Greylisted").thenReplies(250, "2.1.5 Ok");
    smtp.rcpt("bob@example.com").replies(550, "5.1.1 <bob@example.com>: User unknown");
    imap.start();
    var user = imap.setUser("billing@example.com", "billing", "secret");
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/bounces/lhost-postfix-02.eml")) {
      user.deliver(new MimeMessage(Session.getInstance(new Properties()), in));
    }
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("prometheus", registry);
    camel.addRoutes(
        new InvoiceRoutes(
            "smtp://127.0.0.1:" + smtp.port() + "?from=billing@example.com",
            "imap://127.0.0.1:"
                + imap.getImap().getPort()
                + "?username=billing&password=secret&delete=false&initialDelay=0&delay=200"));
    camel.start();
    var producer = camel.createProducerTemplate();
    producer.sendBodyAndHeader("direct:invoice", "Invoice 1", "To", "carol@example.com");
    producer.sendBodyAndHeader("direct:invoice", "Invoice 2", "To", "bob@example.com");
    for (int i = 0; i < 100 && !registry.scrape().contains("source=\"dsn\""); i++) {
      Thread.sleep(100);
    }
    String metrics = registry.scrape();
    assertThat(smtp.messagesFor("carol@example.com")).hasSize(1);
    assertThat(smtp.messagesFor("bob@example.com")).isEmpty();
    assertThat(smtp.rcptCount("bob@example.com")).isEqualTo(1);
    assertThat(metrics)
        .contains(
            "smtp_replies_total{class=\"transient\",code=\"451\",enhanced=\"4.7.1\",reason=\"greylisted\",route=\"invoices\",source=\"camel\",stage=\"rcpt\"} 1.0")
        .contains(
            "smtp_replies_total{class=\"success\",code=\"250\",enhanced=\"2.0.0\",reason=\"none\",route=\"invoices\",source=\"camel\",stage=\"data\"} 1.0")
        .contains(
            "smtp_replies_total{class=\"permanent\",code=\"550\",enhanced=\"5.1.1\",reason=\"user_unknown\",route=\"invoices\",source=\"camel\",stage=\"rcpt\"} 1.0")
        .contains("route=\"bounces\",source=\"dsn\"");
  }
}
