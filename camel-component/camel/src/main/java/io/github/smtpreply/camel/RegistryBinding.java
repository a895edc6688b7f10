package io.github.smtpreply.camel;

import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The binder for one CamelContext, bound on first use to the MeterRegistry found in the Camel
 * registry by type (as camel-micrometer finds it), else to Micrometer's global registry. Bound late
 * because applications bind their registry after the context is created.
 */
final class RegistryBinding {
  private final CamelContext context;
  private volatile SmtpReplyMetrics binder;

  RegistryBinding(CamelContext context) {
    this.context = context;
  }

  SmtpReplyMetrics binder() {
    SmtpReplyMetrics b = binder;
    if (b == null) {
      synchronized (this) {
        b = binder;
        if (b == null) {
          b = new SmtpReplyMetrics();
          b.bindTo(registry());
          binder = b;
        }
      }
    }
    return b;
  }

  private MeterRegistry registry() {
    Set<MeterRegistry> found = context.getRegistry().findByType(MeterRegistry.class);
    return found.isEmpty() ? Metrics.globalRegistry : found.iterator().next();
  }
}
