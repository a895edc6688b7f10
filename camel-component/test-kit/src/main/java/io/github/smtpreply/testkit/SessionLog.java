package io.github.smtpreply.testkit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The live record of one connection; its session thread writes, tests read snapshots. */
final class SessionLog {
  private final int number;
  private volatile String clientName;
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<String> rcptAddresses = new CopyOnWriteArrayList<>();
  private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  SessionLog(int number) {
    this.number = number;
  }

  int number() {
    return number;
  }

  void command(String line) {
    commands.add(line);
  }

  int commandCount() {
    return commands.size();
  }

  void clientName(String name) {
    clientName = name;
  }

  void rcpt(String address) {
    rcptAddresses.add(address);
  }

  void message(ReceivedMessage message) {
    messages.add(message);
  }

  void closed() {
    open = false;
  }

  SmtpSession snapshot() {
    return new SmtpSession(
        number,
        Optional.ofNullable(clientName),
        List.copyOf(commands),
        List.copyOf(rcptAddresses),
        List.copyOf(messages),
        open);
  }
}
