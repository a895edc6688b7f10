package io.github.smtpreply.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Activates the component in every CamelContext created while the jar is on the class path (Camel
 * loads it through {@code META-INF/services}), unless {@code smtp-reply.camel.enabled=false}.
 */
public final class SmtpReplyContextPlugin implements ContextServicePlugin {
  @Override
  public void load(CamelContext context) {
    if (SmtpReplySettings.of(context).enabled()) {
      SmtpReply.install(context);
    }
  }
}
