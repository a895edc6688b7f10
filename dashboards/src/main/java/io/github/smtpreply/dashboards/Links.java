package io.github.smtpreply.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data links of panels. Explanation links use the dashboard variable {@code explain_url} (the
 * exporter's base URL as the user's browser reaches it) and the page paths of DESIGN.md.
 */
final class Links {
  /** The query parameters that carry the dashboard's selection into the other dashboard. */
  static final String CARRY =
      "${__url_time_range}&${datasource:queryparam}&${job:queryparam}&${instance:queryparam}"
          + "&${explain_url:queryparam}";

  private Links() {}

  /**
   * A link of a series, by kind: {@code code}, {@code enhanced}, {@code compare}, {@code
   * drilldown}.
   */
  static ObjectNode series(String kind) {
    return switch (kind) {
      case "code" ->
          link(
              "Explain ${__field.labels.code}",
              "${explain_url}/codes/${__field.labels.code}",
              true);
      case "enhanced" ->
          link(
              "Explain ${__field.labels.enhanced}",
              "${explain_url}/codes/${__field.labels.enhanced}",
              true);
      case "compare" ->
          link(
              "Compare ${__field.labels.code} with ${__field.labels.enhanced}",
              "${explain_url}/compare/${__field.labels.code}/${__field.labels.enhanced}",
              true);
      case "drilldown" ->
          link(
              "Drill down into ${__field.labels.code}",
              "/d/smtp-reply-code/smtp-reply-code?var-code=${__field.labels.code}&" + CARRY,
              false);
      default -> throw new IllegalArgumentException("unknown link kind " + kind);
    };
  }

  /** The link of a table cell holding a code or status: its explanation page. */
  static ObjectNode cell() {
    return link("Explain ${__value.raw}", "${explain_url}/codes/${__value.raw}", true);
  }

  static ObjectNode link(String title, String url, boolean newTab) {
    ObjectNode link = Dashboards.object();
    link.put("title", title);
    link.put("url", url);
    link.put("targetBlank", newTab);
    return link;
  }
}
