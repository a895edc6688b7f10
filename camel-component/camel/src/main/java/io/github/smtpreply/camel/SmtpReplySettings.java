package io.github.smtpreply.camel;

import io.github.smtpreply.classify.Classification;
import org.apache.camel.CamelContext;

/**
 * The component's settings, read from Camel properties ({@code application.properties} under
 * camel-main or Spring Boot), else JVM system properties, else their defaults.
 *
 * @param enabled {@value #ENABLED}: false turns the automatic activation off
 * @param explainUrl {@value #EXPLAIN_URL}: the base URL of the explanation pages (an smtp-reply
 *     exporter or a copy of its static site)
 */
record SmtpReplySettings(boolean enabled, String explainUrl) {
  static final String ENABLED = "smtp-reply.camel.enabled";
  static final String EXPLAIN_URL = "smtp-reply.explain-url";
  static final String DEFAULT_EXPLAIN_URL = "http://localhost:9465";

  /** False when the JVM system property turns the component off. */
  static boolean enabledBySystemProperty() {
    return !System.getProperty(ENABLED, "true").strip().equalsIgnoreCase("false");
  }

  static SmtpReplySettings of(CamelContext context) {
    String enabled = property(context, ENABLED, "true");
    String url = property(context, EXPLAIN_URL, DEFAULT_EXPLAIN_URL);
    return new SmtpReplySettings(
        !enabled.strip().equalsIgnoreCase("false"),
        url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  String explanationUrl(Classification reply) {
    String code = reply.code() != null ? reply.codeLabel() : reply.statusLabel();
    return explainUrl + "/codes/" + code;
  }

  private static String property(CamelContext context, String name, String fallback) {
    try {
      var value = context.getPropertiesComponent().resolveProperty(name);
      if (value.isPresent()) {
        return value.get();
      }
    } catch (RuntimeException e) {
      // The properties component is not ready (a context being constructed): system properties.
    }
    return System.getProperty(name, fallback);
  }
}
