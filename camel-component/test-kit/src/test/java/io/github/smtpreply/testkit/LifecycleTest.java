package io.github.smtpreply.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension: once per class when static, once per test otherwise; reset between tests. */
class LifecycleTest {
  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class StaticField {
    // A static field in a nested class needs Java 16+; the kit targets 17.
    @RegisterExtension static ScriptedSmtp smtp = ScriptedSmtp.onLoopback();
    static int firstPort;

    @Test
    @Order(1)
    void firstTestScriptsAndSends() throws Exception {
      firstPort = smtp.port();
      smtp.rcpt("ann@example.com").replies(550, "5.1.1 User unknown");
      new Mailer(smtp).fails("ann@example.com");
      new Mailer(smtp).send("bob@example.com");
      SmtpAssertions.assertThat(smtp).receivedMessages(1).sawConnections(2);
    }

    @Test
    @Order(2)
    void theNextTestKeepsThePortButNeitherScriptsNorRecords() throws Exception {
      assertThat(smtp.port()).isEqualTo(firstPort);
      SmtpAssertions.assertThat(smtp).receivedMessages(0).sawConnections(0);
      new Mailer(smtp).send("ann@example.com");
      SmtpAssertions.assertThat(smtp).receivedMessageFor("ann@example.com");
      assertThat(smtp.sessions().get(0).number()).isEqualTo(1);
    }
  }

  @Nested
  class InstanceField {
    @RegisterExtension ScriptedSmtp smtp = ScriptedSmtp.onLoopback();

    @Test
    void runsDuringTheTest() throws Exception {
      assertThat(smtp.isRunning()).isTrue();
      new Mailer(smtp).send("ann@example.com");
      SmtpAssertions.assertThat(smtp).receivedMessageFor("ann@example.com");
    }
  }
}
