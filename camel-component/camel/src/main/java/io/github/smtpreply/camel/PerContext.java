package io.github.smtpreply.camel;

import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * What the component keeps per CamelContext, each made on first use, because the plugin runs in the
 * context's constructor, before the application has loaded its properties or bound its registry:
 * the settings, and the binder, bound to the MeterRegistry found in the Camel registry by type (as
 * camel-micrometer finds it), else to Micrometer's global registry.
 */
final class PerContext {
  private final CamelContext context;
  private final boolean explicit;
  private volatile SmtpReplySettings settings;
  private volatile SmtpReplyMetrics binder;

  PerContext(CamelContext context, boolean explicit) {
    this.context = context;
    this.explicit = explicit;
  }

  /** Installed by the application, or not turned off by the enabled property. */
  boolean enabled() {
    return explicit || settings().enabled();
  }

  SmtpReplySettings settings() {
    SmtpReplySettings s = settings;
    if (s == null) {
      s = SmtpReplySettings.of(context);
      settings = s; // the same value whichever thread computes it
    }
    return s;
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
