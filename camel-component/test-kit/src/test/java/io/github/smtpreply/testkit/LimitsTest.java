package io.github.smtpreply.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds against misbehaving clients, and the wire format, seen by a bare TCP client. */
class LimitsTest {
  @Test
  void aLineOverTheLimitGets500AndTheSessionGoesOn() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.builder().maxLineLength(512).build().start();
        RawClient client = new RawClient(smtp)) {
      assertThat(client.reply()).startsWith("220 localhost ESMTP");
      assertThat(client.send("EHLO " + "x".repeat(600)).reply())
          .isEqualTo("500 5.5.2 Error: line too long");
      assertThat(client.send("NOOP").reply()).isEqualTo("250 2.0.0 Ok");
      assertThat(smtp.sessions().get(0).commands())
          .containsExactly("(line longer than 512 bytes)", "NOOP");
    }
  }

  @Test
  void connectionsPastTheLimitGet421() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.builder().maxConnections(1).build().start();
        RawClient first = new RawClient(smtp);
        RawClient second = new RawClient(smtp)) {
      assertThat(first.reply()).startsWith("220 ");
      assertThat(second.reply()).isEqualTo("421 4.7.0 localhost Error: too many connections");
      assertThat(second.reply()).isNull();
      assertThat(smtp.sessions()).hasSize(1);
    }
  }

  @Test
  void anIdleClientGets421AfterTheReadTimeout() throws Exception {
    try (ScriptedSmtp smtp =
            ScriptedSmtp.builder().readTimeout(Duration.ofMillis(200)).build().start();
        RawClient client = new RawClient(smtp)) {
      assertThat(client.reply()).startsWith("220 ");
      assertThat(client.reply()).isEqualTo("421 4.4.2 localhost Error: timeout exceeded");
      assertThat(client.reply()).isNull();
    }
  }

  @Test
  void aMessageOverTheSizeLimitGets552() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.builder().maxMessageSize(1000).build().start();
        RawClient client = new RawClient(smtp)) {
      client.reply();
      assertThat(client.send("EHLO raw.test").reply()).contains("250-SIZE 1000");
      assertThat(client.send("MAIL FROM:<a@example.com> SIZE=5000").reply())
          .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
      client.send("MAIL FROM:<a@example.com>").reply();
      client.send("RCPT TO:<b@example.com>").reply();
      assertThat(client.send("DATA").reply()).startsWith("354 ");
      for (int i = 0; i < 20; i++) {
        client.send("x".repeat(100));
      }
      assertThat(client.send(".").reply()).isEqualTo("552 5.3.4 Error: message too big");
      assertThat(smtp.sessions().get(0).messages()).isEmpty();
      // The session goes on after the refusal.
      assertThat(client.send("NOOP").reply()).isEqualTo("250 2.0.0 Ok");
    }
  }

  @Test
  void theDefaultEhloReplyListsItsExtensionsWithoutPipelining() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.builder().hostname("mx.test").build().start();
        RawClient client = new RawClient(smtp)) {
      assertThat(client.reply()).isEqualTo("220 mx.test ESMTP smtp-reply test kit");
      assertThat(client.send("EHLO raw.test").reply())
          .isEqualTo(
              "250-mx.test\n250-SIZE 10485760\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n"
                  + "250 AUTH PLAIN LOGIN");
    }
  }

  @Test
  void aScriptedMultiLineReplyGoesOnTheWireAsOne() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.onLoopback().start();
        RawClient client = new RawClient(smtp)) {
      smtp.ehlo().replies(250, "mx.test", "PIPELINING", "SIZE 100");
      client.reply();
      assertThat(client.send("EHLO raw.test").reply())
          .isEqualTo("250-mx.test\n250-PIPELINING\n250 SIZE 100");
    }
  }

  @Test
  void outOfSequenceCommandsGet503() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.onLoopback().start();
        RawClient client = new RawClient(smtp)) {
      client.reply();
      assertThat(client.send("MAIL FROM:<a@example.com>").reply()).startsWith("503 5.5.1");
      client.send("HELO raw.test").reply();
      assertThat(client.send("RCPT TO:<b@example.com>").reply()).startsWith("503 5.5.1");
      assertThat(client.send("DATA").reply()).startsWith("503 5.5.1");
      assertThat(client.send("MAIL FROM:a@example.com").reply()).startsWith("501 5.5.4");
      assertThat(client.send("BDAT 10 LAST").reply()).startsWith("502 5.5.2");
      assertThat(client.send("QUIT").reply()).isEqualTo("221 2.0.0 Bye");
      assertThat(client.reply()).isNull();
    }
  }

  @Test
  void aRefusedGreetingAnswersOnlyQuit() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.onLoopback().start();
        RawClient client = new RawClient(smtp)) {
      smtp.greeting().replies(554, "5.3.2 No SMTP service here");
      assertThat(client.reply()).isEqualTo("554 5.3.2 No SMTP service here");
      assertThat(client.send("EHLO raw.test").reply()).startsWith("503 ");
      assertThat(client.send("QUIT").reply()).startsWith("221 ");
    }
  }

  @Test
  void closeEndsOpenConnectionsAndFreesThePort() throws Exception {
    ScriptedSmtp smtp = ScriptedSmtp.onLoopback().start();
    int port = smtp.port();
    try (RawClient client = new RawClient(smtp)) {
      client.reply();
      smtp.close();
      assertThat(client.reply()).isNull();
    }
    assertThat(smtp.isRunning()).isFalse();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void sessionThreadsAreDaemons() throws Exception {
    try (ScriptedSmtp smtp = ScriptedSmtp.onLoopback().start();
        RawClient client = new RawClient(smtp)) {
      client.reply();
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(t -> t.getName().startsWith("scripted-smtp-" + smtp.port()))
          .hasSize(2)
          .allMatch(Thread::isDaemon);
    }
  }
}
