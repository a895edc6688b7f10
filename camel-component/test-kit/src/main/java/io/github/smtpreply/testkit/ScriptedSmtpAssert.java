package io.github.smtpreply.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a {@link ScriptedSmtp} received. Each reads the records when it runs; a
 * failure says what the server did receive instead.
 */
public final class ScriptedSmtpAssert extends AbstractAssert<ScriptedSmtpAssert, ScriptedSmtp> {
  ScriptedSmtpAssert(ScriptedSmtp actual) {
    super(actual, ScriptedSmtpAssert.class);
  }

  /** The server accepted at least one message with this recipient (compared ignoring case). */
  public ScriptedSmtpAssert receivedMessageFor(String address) {
    isNotNull();
    if (actual.messagesFor(address).isEmpty()) {
      fail("Expecting a message accepted for <" + address + ">", "but there was none");
    }
    return this;
  }

  /** The server accepted no message with this recipient (compared ignoring case). */
  public ScriptedSmtpAssert receivedNoMessageFor(String address) {
    isNotNull();
    int count = actual.messagesFor(address).size();
    if (count > 0) {
      fail("Expecting no message accepted for <" + address + ">", "but there were " + count);
    }
    return this;
  }

  /** The server accepted exactly this many messages. */
  public ScriptedSmtpAssert receivedMessages(int count) {
    isNotNull();
    int accepted = actual.messages().size();
    if (accepted != count) {
      fail("Expecting " + plural(count, "message") + " accepted", "but there were " + accepted);
    }
    return this;
  }

  /** RCPT TO named this address (ignoring case) exactly this many times, however answered. */
  public ScriptedSmtpAssert sawRcptFor(String address, int times) {
    isNotNull();
    int seen = actual.rcptCount(address);
    if (seen != times) {
      fail(
          "Expecting RCPT TO:<" + address + "> " + plural(times, "time"),
          "but it came " + plural(seen, "time"));
    }
    return this;
  }

  /** Clients opened exactly this many connections. */
  public ScriptedSmtpAssert sawConnections(int count) {
    isNotNull();
    int seen = actual.sessions().size();
    if (seen != count) {
      fail("Expecting " + plural(count, "connection"), "but there were " + seen);
    }
    return this;
  }

  private void fail(String expected, String but) {
    // failWithMessage formats its text; the received addresses may hold a '%'.
    failWithMessage("%s", expected + ", " + but + ".\n" + received());
  }

  /** What the server received, for failure messages. */
  private String received() {
    List<SmtpSession> sessions = actual.sessions();
    List<ReceivedMessage> messages = actual.messages();
    StringBuilder out = new StringBuilder();
    out.append("The server saw ").append(plural(sessions.size(), "connection"));
    Map<String, Long> rcpts =
        sessions.stream()
            .flatMap(s -> s.rcptAddresses().stream())
            .collect(Collectors.groupingBy(a -> a, LinkedHashMap::new, Collectors.counting()));
    out.append(", RCPT TO ")
        .append(
            rcpts.isEmpty()
                ? "none"
                : rcpts.entrySet().stream()
                    .map(e -> "<" + e.getKey() + "> x" + e.getValue())
                    .collect(Collectors.joining(", ")));
    out.append(", and accepted ").append(plural(messages.size(), "message"));
    if (messages.isEmpty()) {
      out.append('.');
    } else {
      out.append(':');
      messages.forEach(m -> out.append("\n  ").append(m));
    }
    for (SmtpSession session : sessions) {
      for (ReceivedMessage m : session.messages()) {
        if (!m.accepted()) {
          out.append("\nNot accepted: ").append(m);
        }
      }
    }
    return out.toString();
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
