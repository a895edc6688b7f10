package io.github.smtpreply.camel;

import io.github.smtpreply.bounce.BounceKind;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Tags each mail a route consumes from an {@code imap:}/{@code imaps:}/{@code pop3:}/{@code pop3s:}
 * mailbox as a bounce, before the route sees it.
 */
final class BounceRoutePolicy extends RoutePolicySupport {
  private final BounceTagger tagger;
  private final PerContext state;

  private BounceRoutePolicy(BounceTagger tagger, PerContext state) {
    this.tagger = tagger;
    this.state = state;
  }

  static RoutePolicyFactory factory(PerContext state) {
    BounceTagger tagger = new BounceTagger(state);
    return new RoutePolicyFactory() {
      @Override
      public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return new BounceRoutePolicy(tagger, state);
      }
    };
  }

  @Override
  public void onExchangeBegin(Route route, Exchange exchange) {
    if (!isMailbox(route.getEndpoint()) || !state.enabled()) {
      return;
    }
    try {
      tagger.process(exchange);
    } catch (Exception e) {
      // Never lose the mail: the route gets it untagged, with what went wrong.
      exchange.getIn().setHeader(SmtpReplyConstants.DSN_KIND, BounceKind.NOT_UNDERSTOOD.label());
      exchange.getIn().setHeader(SmtpReplyConstants.DSN_PROBLEM, "cannot read the message: " + e);
    }
  }

  private static boolean isMailbox(Endpoint endpoint) {
    if (!(endpoint instanceof MailEndpoint mail)) {
      return false;
    }
    String protocol = mail.getConfiguration().getProtocol();
    return protocol != null && (protocol.startsWith("imap") || protocol.startsWith("pop3"));
  }
}
