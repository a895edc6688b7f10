package io.github.smtpreply.dashboards;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.reply.ReplyClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboards show from the catalog: display texts for the values of {@code code}, {@code
 * enhanced} and {@code class}, in English (Grafana has one text per value mapping).
 */
final class CatalogNames {
  private static final Catalog CATALOG = Catalog.standard();

  /** The classes a reply can be counted in, with the colour of their lines. */
  static final Map<ReplyClass, String> CLASS_COLORS =
      Map.of(
          ReplyClass.SUCCESS, "green",
          ReplyClass.INTERMEDIATE, "blue",
          ReplyClass.TRANSIENT, "orange",
          ReplyClass.PERMANENT, "red");

  private CatalogNames() {}

  /** {@code 550} → {@code 550 Mailbox Unavailable}, for every basic code in the catalog. */
  static Map<String, String> codes() {
    Map<String, String> names = new LinkedHashMap<>();
    for (CodeEntry entry : CATALOG.entries()) {
      if (entry instanceof BasicCodeEntry basic) {
        names.put(basic.id(), basic.id() + " " + basic.title());
      }
    }
    return names;
  }

  /**
   * {@code 5.1.1} → {@code 5.1.1 Bad Destination Mailbox}, for every class an enhanced status of
   * the catalog occurs in: the values the metric's {@code enhanced} label takes.
   */
  static Map<String, String> enhanced() {
    Map<String, String> names = new LinkedHashMap<>();
    CATALOG
        .statusEntries()
        .forEach((value, entry) -> names.put(value, value + " " + entry.title()));
    return names;
  }

  /** {@code permanent} → {@code permanent (Permanent Negative)}, for the four counted classes. */
  static Map<String, String> classes() {
    Map<String, String> names = new LinkedHashMap<>();
    for (ReplyClass c : countedClasses()) {
      names.put(c.label(), c.label() + " (" + CATALOG.className(Language.EN, c) + ")");
    }
    return names;
  }

  static List<ReplyClass> countedClasses() {
    return List.of(
        ReplyClass.SUCCESS, ReplyClass.INTERMEDIATE, ReplyClass.TRANSIENT, ReplyClass.PERMANENT);
  }

  /** The basic codes, for the drill-down's "compare with" choice. */
  static List<String> basicCodes() {
    return List.copyOf(codes().keySet());
  }
}
