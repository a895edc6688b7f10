package io.github.smtpreply.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Activates the component in every CamelContext created while the jar is on the class path (Camel
 * loads it through {@code META-INF/services}, in the context's constructor). {@code
 * smtp-reply.camel.enabled=false} turns it off: as a JVM system property it keeps the component out
 * of the context entirely; in the application's Camel properties it is read when the first endpoint
 * or exchange is seen, and the component then does nothing.
 */
public final class SmtpReplyContextPlugin implements ContextServicePlugin {
  @Override
  public void load(CamelContext context) {
    if (SmtpReplySettings.enabledBySystemProperty()) {
      SmtpReply.install(context, false);
    }
  }
}
