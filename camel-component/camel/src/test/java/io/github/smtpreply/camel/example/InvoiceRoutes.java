package io.github.smtpreply.camel.example;

import io.github.smtpreply.camel.SmtpReplyPredicates;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;

/** Sends invoices, retries what may pass later, dead-letters the rest, and reads the bounces. */
public class InvoiceRoutes extends RouteBuilder {
  private final String smtpUri;
  private final String bounceMailboxUri;

  public InvoiceRoutes(String smtpUri, String bounceMailboxUri) {
    this.smtpUri = smtpUri;
    this.bounceMailboxUri = bounceMailboxUri;
  }

  @Override
  public void configure() {
    // 4xx, or no answer before the end of DATA: try again later, then give up.
    onException(Exception.class)
        .onWhen(SmtpReplyPredicates.isTransient())
        .maximumRedeliveries(3)
        .redeliveryDelay(1000)
        .useExponentialBackOff()
        .handled(true)
        .to("log:invoices-gave-up?showHeaders=true");
    // 5xx, or some recipients already have it: never send it again as it is.
    onException(Exception.class)
        .onWhen(
            PredicateBuilder.or(SmtpReplyPredicates.isPermanent(), SmtpReplyPredicates.isPartial()))
        .handled(true)
        .to("log:invoices-dead?showHeaders=true");

    from("direct:invoice").routeId("invoices").to(smtpUri);

    // Bounces arrive later, in the sender's mailbox: each is tagged CamelSmtpDsn*.
    from(bounceMailboxUri)
        .routeId("bounces")
        .choice()
        .when(header("CamelSmtpDsnClass").isEqualTo("permanent"))
        .log("${header.CamelSmtpDsnReason}: ${header.CamelSmtpDsnRecipients}")
        .end();
  }
}
