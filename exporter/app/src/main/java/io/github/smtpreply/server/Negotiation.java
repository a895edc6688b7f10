package io.github.smtpreply.server;

import io.github.smtpreply.catalog.Language;
import java.util.Optional;

/** The one place that picks a page's language and the metrics' content type from a request. */
final class Negotiation {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private Negotiation() {}

  /**
   * {@code ?lang=} when supported, else the supported Accept-Language of highest q, else English.
   */
  static Language language(String param, String acceptLanguage) {
    if (param != null) {
      Optional<Language> l = Language.ofTag(param);
      if (l.isPresent()) {
        return l.get();
      }
    }
    if (acceptLanguage == null) {
      return Language.EN;
    }
    double best = 0;
    Language chosen = Language.EN;
    for (String part : acceptLanguage.split(",")) {
      String[] p = part.strip().split(";");
      double q = 1;
      for (int i = 1; i < p.length; i++) {
        String attr = p[i].strip();
        if (attr.startsWith("q=")) {
          try {
            q = Double.parseDouble(attr.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      Optional<Language> l = Language.ofTag(p[0]);
      if (l.isPresent() && q > best) {
        best = q;
        chosen = l.get();
      }
    }
    return chosen;
  }

  /**
   * True when {@link #language} had to look at Accept-Language (no supported {@code ?lang=}): the
   * reply then varies with that header, and caches must know it ({@code Vary: Accept-Language}).
   */
  static boolean usesAcceptLanguage(String param) {
    return param == null || Language.ofTag(param).isEmpty();
  }

  /** OpenMetrics when the Accept header names it, else the Prometheus text format. */
  static String metricsType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text")
        ? OPENMETRICS
        : PROMETHEUS_TEXT;
  }
}
