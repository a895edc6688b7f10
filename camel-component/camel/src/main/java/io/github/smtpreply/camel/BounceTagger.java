package io.github.smtpreply.camel;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.bounce.BounceRecipient;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.reply.ReplyClass;
import jakarta.mail.MessagingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.ExchangeHelper;

/**
 * Reads the mail on the exchange as a bounce and tags it with {@code CamelSmtpDsn…} headers; counts
 * each delivery outcome it reports with source {@code dsn}. A mail that is not a bounce the reader
 * understands is tagged {@code not_understood} and passed on, never dropped. Applied to every
 * {@code imap:}/{@code pop3:} route by the automatic activation; add it to a route yourself with
 * {@code .process(new BounceTagger())} when that is off.
 */
public final class BounceTagger implements Processor {
  private final BounceReader reader = BounceReader.standard();
  private volatile PerContext metrics;

  /** A tagger that counts into the registry of the CamelContext of the first exchange it sees. */
  public BounceTagger() {
    this(null);
  }

  BounceTagger(PerContext metrics) {
    this.metrics = metrics;
  }

  @Override
  public void process(Exchange exchange) throws IOException {
    Bounce bounce;
    try (InputStream in = rawMessage(exchange.getIn())) {
      bounce = reader.read(in);
    }
    tag(exchange.getIn(), bounce);
    PerContext binding = metrics;
    if (binding == null) {
      binding = new PerContext(exchange.getContext(), true);
      metrics = binding;
    }
    String route = ExchangeHelper.getAtRouteId(exchange);
    for (Classification reply : bounce.deliveryReplies()) {
      binding
          .binder()
          .record(reply, SmtpReplyMeters.SOURCE_DSN, route == null ? SmtpReplyMeters.NONE : route);
    }
  }

  /** The message as it came from the mailbox, else the body as text. */
  private static InputStream rawMessage(Message in) throws IOException {
    if (in instanceof MailMessage mail && mail.getOriginalMessage() != null) {
      // At most what the reader reads (and one byte more, so it sees the message was cut): a huge
      // mail in the mailbox must not become a huge array.
      BoundedBytes bytes = new BoundedBytes(BounceReader.MAX_MESSAGE_BYTES + 1);
      try {
        mail.getOriginalMessage().writeTo(bytes);
        return new ByteArrayInputStream(bytes.toByteArray());
      } catch (MessagingException e) {
        throw new IOException("cannot read the mail from the mailbox: " + e.getMessage(), e);
      }
    }
    byte[] body = in.getBody(byte[].class);
    return new ByteArrayInputStream(body == null ? new byte[0] : body);
  }

  private static void tag(Message message, Bounce bounce) {
    message.setHeader(SmtpReplyConstants.DSN_KIND, bounce.kind().label());
    message.setHeader(SmtpReplyConstants.DSN_FORMAT, bounce.format());
    List<Map<String, String>> recipients = new ArrayList<>();
    ReplyClass worst = ReplyClass.UNKNOWN;
    String reason = "none";
    for (BounceRecipient r : bounce.recipients()) {
      Classification c = r.classification();
      Map<String, String> row = new HashMap<>();
      row.put("recipient", String.valueOf(r.recipient()));
      row.put("action", r.action().label());
      row.put("status", c.statusLabel());
      row.put("code", c.codeLabel());
      row.put("class", c.replyClass().label());
      row.put("reason", c.reason().label());
      row.put("diagnostic", r.diagnostic() == null ? "none" : r.diagnostic());
      row.put("remote_mta", r.remoteMta() == null ? "none" : r.remoteMta());
      recipients.add(Map.copyOf(row));
      worst = ReplyClasses.worse(worst, c.replyClass());
      if (reason.equals("none") && r.action().isBounce()) {
        reason = c.reason().label();
      }
    }
    message.setHeader(SmtpReplyConstants.DSN_RECIPIENTS, recipients);
    message.setHeader(SmtpReplyConstants.DSN_CLASS, worst.label());
    message.setHeader(SmtpReplyConstants.DSN_REASON, reason);
    if (bounce.problem() != null) {
      message.setHeader(SmtpReplyConstants.DSN_PROBLEM, bounce.problem());
    }
  }

  /** Keeps the first {@code limit} bytes written and drops the rest. */
  static final class BoundedBytes extends ByteArrayOutputStream {
    private final int limit;

    BoundedBytes(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
      if (count < limit) {
        super.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, Math.max(0, Math.min(len, limit - count)));
    }
  }
}
