package io.github.smtpreply.camel;

import io.github.smtpreply.camel.SendOutcome.RecipientReply;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.ReplyParser;
import io.github.smtpreply.reply.Stage;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Decides a {@link SendOutcome} from what the transport recorded and the exception the send threw.
 * With a transcript, every reply is known with its stage; without one (an application's own {@code
 * javaMailSender}, or a per-exchange sender camel-mail built), the codes in Angus Mail's exception
 * chain are used.
 */
final class SendOutcomes {
  private final Classifier classifier;

  SendOutcomes(Classifier classifier) {
    this.classifier = classifier;
  }

  /**
   * @param transcript what the transport recorded, or {@code null}
   * @param failure what the send threw, or {@code null} for a send that went through
   * @return the outcome, or {@code null} when nothing is known (a success without a transcript)
   */
  SendOutcome decide(SendTranscript transcript, Throwable failure) {
    if (transcript != null) {
      return fromTranscript(transcript, failure);
    }
    return failure == null ? null : fromException(failure);
  }

  private SendOutcome fromTranscript(SendTranscript t, Throwable failure) {
    List<RecipientReply> recipients = new ArrayList<>();
    Classification worst = null;
    Classification endOfData = null;
    for (SendTranscript.Step step : t.steps()) {
      if (step.stage() == Stage.QUIT || step.stage() == Stage.UNKNOWN) {
        continue; // QUIT and RSET say nothing of the message
      }
      Classification c = classify(step.text(), step.stage());
      if (step.stage() == Stage.RCPT) {
        recipients.add(new RecipientReply(address(step.command()), c));
      }
      if (step.stage() == Stage.DATA && step.code() < 300 && t.endOfDataSent()) {
        endOfData = c;
      }
      if (step.code() >= 400 && (worst == null || worse(c, worst))) {
        worst = c;
      }
    }
    if (failure == null) {
      Classification success =
          endOfData != null
              ? endOfData
              : t.last() == null ? null : classify(t.last().text(), t.last().stage());
      return success == null ? null : SendOutcome.of(success, recipients);
    }
    if (worst != null) {
      boolean someReceived =
          endOfData != null
              && recipients.stream().anyMatch(r -> r.reply().replyClass() == ReplyClass.SUCCESS);
      return someReceived
          ? new SendOutcome(worst, SendOutcome.PARTIAL, recipients)
          : SendOutcome.of(worst, recipients);
    }
    return SendOutcome.of(
        noReply(t.endOfDataSent() ? Stage.DATA : t.brokenAt(), failure, t.endOfDataSent()),
        recipients);
  }

  private SendOutcome fromException(Throwable failure) {
    List<RecipientReply> recipients = new ArrayList<>();
    Classification worst = null;
    for (Throwable e : chain(failure)) {
      Classification c = null;
      if (e instanceof SMTPAddressFailedException a) {
        c = classify(a.getMessage(), Stage.RCPT);
        recipients.add(new RecipientReply(a.getAddress().getAddress(), c));
      } else if (e instanceof SMTPSendFailedException s && s.getReturnCode() >= 400) {
        c = classify(s.getMessage(), stageOfCommand(s.getCommand()));
      } else if (e instanceof AuthenticationFailedException a && a.getMessage() != null) {
        c = classify(a.getMessage(), Stage.AUTH); // the message is the server's reply
      }
      if (c != null && c.code() != null && (worst == null || worse(c, worst))) {
        worst = c;
      }
    }
    if (worst != null) {
      return SendOutcome.of(worst, recipients);
    }
    boolean connect = chain(failure).stream().anyMatch(e -> e instanceof MailConnectException);
    return SendOutcome.of(
        noReply(connect ? Stage.CONNECT : Stage.UNKNOWN, failure, false), recipients);
  }

  /**
   * A send with no reply to show for it: the outcome MTAs assign (RFC 3463): 4.4.1 when no
   * connection was made, 4.4.2 when it broke; after the end of DATA delivery is unknown.
   */
  private Classification noReply(Stage stage, Throwable failure, boolean afterEndOfData) {
    String what = describe(failure);
    if (afterEndOfData) {
      Classification lost =
          classifier.classify(
              null,
              EnhancedStatus.of(4, 4, 2),
              Stage.DATA,
              "connection lost after end of DATA: " + what);
      return lost.withClass(ReplyClass.UNKNOWN, lost.status(), lost.flags());
    }
    boolean noConnection =
        stage == Stage.CONNECT
            || chain(failure).stream()
                .anyMatch(
                    e ->
                        e instanceof ConnectException
                            || e instanceof NoRouteToHostException
                            || e instanceof UnknownHostException);
    EnhancedStatus status =
        chain(failure).stream().anyMatch(e -> e instanceof SSLException)
            ? EnhancedStatus.of(4, 7, 5)
            : noConnection ? EnhancedStatus.of(4, 4, 1) : EnhancedStatus.of(4, 4, 2);
    Stage at = noConnection ? Stage.CONNECT : stage;
    return classifier.classify(null, status, at, what);
  }

  private Classification classify(String text, Stage stage) {
    String wire = text == null ? "" : text.strip();
    try {
      return classifier.classify(ReplyParser.parse(wire), stage);
    } catch (ReplyFormatException e) {
      Classification found = classifier.classifyText(wire);
      return classifier.classify(found.code(), found.enhanced(), stage, wire);
    }
  }

  /** Permanent is worse than transient; between two of a class, the first stays. */
  private static boolean worse(Classification a, Classification b) {
    return ReplyClasses.rank(a.replyClass()) > ReplyClasses.rank(b.replyClass());
  }

  private static String address(String command) {
    if (command == null) {
      return "none";
    }
    int open = command.indexOf('<');
    int close = command.indexOf('>', open + 1);
    return open >= 0 && close > open ? command.substring(open + 1, close) : command;
  }

  private static Stage stageOfCommand(String command) {
    if (command == null) {
      return Stage.UNKNOWN;
    }
    String c = command.toUpperCase(Locale.ROOT);
    if (c.startsWith("MAIL")) {
      return Stage.MAIL;
    }
    if (c.startsWith("RCPT")) {
      return Stage.RCPT;
    }
    if (c.startsWith("DATA") || c.equals(".") || c.startsWith("BDAT")) {
      return Stage.DATA;
    }
    return Stage.UNKNOWN;
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    for (Throwable e : chain(failure)) {
      root = e;
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) : message;
  }

  /** The exception, its causes and Jakarta Mail's next exceptions, each once, at most 64. */
  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> all = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(failure));
    while (!todo.isEmpty() && all.size() < 64) {
      Throwable e = todo.remove(0);
      if (e == null || all.contains(e)) {
        continue;
      }
      all.add(e);
      todo.add(e.getCause());
      if (e instanceof MessagingException m) {
        todo.add(m.getNextException());
      }
    }
    return all;
  }
}
