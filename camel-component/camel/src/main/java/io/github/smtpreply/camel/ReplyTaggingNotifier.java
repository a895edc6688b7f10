package io.github.smtpreply.camel;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spi.InterceptSendToEndpoint;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.ExchangeHelper;

/**
 * Tags each exchange sent to an {@code smtp:}/{@code smtps:} endpoint with its reply and counts the
 * reply. Camel raises the sent event synchronously inside the send, once per delivery attempt and
 * before the error handler decides, so {@code onException(...).onWhen(header(...))} and redelivery
 * see the headers of the attempt that just failed.
 */
final class ReplyTaggingNotifier extends EventNotifierSupport {
  private final SendOutcomes outcomes = new SendOutcomes(Classifier.standard());
  private final PerContext state;

  ReplyTaggingNotifier(PerContext state) {
    this.state = state;
    setIgnoreCamelContextEvents(true);
    setIgnoreRouteEvents(true);
    setIgnoreServiceEvents(true);
    setIgnoreStepEvents(true);
    setIgnoreExchangeCreatedEvent(true);
    setIgnoreExchangeCompletedEvent(true);
    setIgnoreExchangeFailedEvents(true);
    setIgnoreExchangeRedeliveryEvents(true);
  }

  /**
   * Sending events are taken too, though nothing is done with them: Camel raises the sent event
   * only when some notifier took the sending event.
   */
  @Override
  public boolean isEnabled(CamelEvent event) {
    return event instanceof ExchangeSentEvent || event instanceof ExchangeSendingEvent;
  }

  @Override
  public void notify(CamelEvent event) {
    if (!(event instanceof ExchangeSentEvent sent)
        || !isSmtp(sent.getEndpoint())
        || !state.enabled()) {
      return;
    }
    Exchange exchange = sent.getExchange();
    SendOutcome outcome = outcomes.decide(SendTranscript.take(), exchange.getException());
    if (outcome == null) {
      return;
    }
    tag(exchange.getMessage(), outcome);
    String route = ExchangeHelper.getAtRouteId(exchange);
    state
        .binder()
        .record(
            outcome.reply(),
            SmtpReplyMeters.SOURCE_CAMEL,
            route == null ? SmtpReplyMeters.NONE : route);
  }

  private void tag(Message message, SendOutcome outcome) {
    Classification reply = outcome.reply();
    message.setHeader(SmtpReplyConstants.CODE, reply.codeLabel());
    message.setHeader(SmtpReplyConstants.ENHANCED_STATUS, reply.statusLabel());
    message.setHeader(SmtpReplyConstants.TEXT, reply.text());
    message.setHeader(SmtpReplyConstants.CLASS, outcome.classLabel());
    message.setHeader(SmtpReplyConstants.STAGE, reply.stage().label());
    message.setHeader(SmtpReplyConstants.REASON, reply.reason().label());
    message.setHeader(SmtpReplyConstants.EXPLANATION_URL, state.settings().explanationUrl(reply));
    List<Map<String, String>> recipients =
        outcome.recipients().stream().map(SendOutcome.RecipientReply::toHeader).toList();
    message.setHeader(SmtpReplyConstants.RECIPIENTS, recipients);
  }

  static boolean isSmtp(Endpoint endpoint) {
    Endpoint e = endpoint instanceof InterceptSendToEndpoint i ? i.getOriginalEndpoint() : endpoint;
    if (!(e instanceof MailEndpoint mail)) {
      return false;
    }
    String protocol = mail.getConfiguration().getProtocol();
    return "smtp".equals(protocol) || "smtps".equals(protocol);
  }
}
