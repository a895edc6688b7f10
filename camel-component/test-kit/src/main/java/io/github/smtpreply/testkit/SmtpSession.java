package io.github.smtpreply.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server saw on one connection, as of the moment it was read.
 *
 * @param number 1 for the first connection since the server started or was reset
 * @param clientName the EHLO or HELO argument; empty before the client sent one
 * @param commands the command lines in order (AUTH credentials left out), without message data
 * @param rcptAddresses every RCPT TO address, accepted or not, in order
 * @param messages the messages whose data the server read, answered or not
 * @param open whether the connection was still open
 */
public record SmtpSession(
    int number,
    Optional<String> clientName,
    List<String> commands,
    List<String> rcptAddresses,
    List<ReceivedMessage> messages,
    boolean open) {
  public SmtpSession {
    Objects.requireNonNull(clientName, "clientName");
    commands = List.copyOf(commands);
    rcptAddresses = List.copyOf(rcptAddresses);
    messages = List.copyOf(messages);
  }
}
