package io.github.smtpreply.server;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.server.Route.Call;
import java.util.Optional;

/** The explanation pages and their JSON: one handler per route. */
final class CodeRoutes {
  private final Catalog catalog;
  private final Pages pages;

  CodeRoutes(Catalog catalog) {
    this.catalog = catalog;
    this.pages = new Pages(catalog);
  }

  Reply indexPage(Call call) {
    return Reply.html(200, pages.indexPage(call.lang()));
  }

  Reply indexJson(Call call) {
    return Reply.json(200, ApiJson.codeIndex(catalog.entries()));
  }

  Reply codePage(Call call) {
    String code = call.params().get("code");
    return catalog
        .find(code)
        .map(e -> Reply.html(200, pages.codePage(e, call.lang())))
        .orElseGet(() -> pageNotFound(code, call));
  }

  Reply codeJson(Call call) {
    String code = call.params().get("code");
    return catalog
        .find(code)
        .map(e -> Reply.json(200, pages.codeJson(e, call.lang())))
        .orElseGet(() -> jsonNotFound(code));
  }

  Reply comparePage(Call call) {
    Optional<CodeEntry> a = catalog.find(call.params().get("a"));
    Optional<CodeEntry> b = catalog.find(call.params().get("b"));
    if (a.isEmpty() || b.isEmpty()) {
      return pageNotFound(call.params().get(a.isEmpty() ? "a" : "b"), call);
    }
    return Reply.html(200, pages.comparePage(a.get(), b.get(), call.lang()));
  }

  Reply compareJson(Call call) {
    Optional<CodeEntry> a = catalog.find(call.params().get("a"));
    Optional<CodeEntry> b = catalog.find(call.params().get("b"));
    if (a.isEmpty() || b.isEmpty()) {
      return jsonNotFound(call.params().get(a.isEmpty() ? "a" : "b"));
    }
    return Reply.json(200, pages.compareJson(a.get(), b.get(), call.lang()));
  }

  /** The picker form sends ?a=550&amp;b=551: redirect to the comparison's own address. */
  Reply compareForm(Call call) {
    String a = call.query().getOrDefault("a", "").strip();
    String b = call.query().getOrDefault("b", "").strip();
    Optional<CodeEntry> ea = catalog.find(a);
    Optional<CodeEntry> eb = catalog.find(b);
    if (ea.isEmpty() || eb.isEmpty()) {
      return Reply.html(
          400, pages.notFoundPage(Router.printable(a) + " / " + Router.printable(b), call.lang()));
    }
    return Reply.redirect(
        "/compare/" + ea.get().id() + "/" + eb.get().id() + "?lang=" + call.lang().tag());
  }

  private Reply pageNotFound(String code, Call call) {
    return Reply.html(404, pages.notFoundPage(Router.printable(code), call.lang()));
  }

  private static Reply jsonNotFound(String code) {
    return Reply.json(404, ApiJson.error("unknown code: " + Router.printable(code)));
  }
}
