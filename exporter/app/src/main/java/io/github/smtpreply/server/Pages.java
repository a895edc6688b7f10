package io.github.smtpreply.server;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.explain.Document;
import io.github.smtpreply.explain.Explainer;
import io.github.smtpreply.explain.Format;
import io.github.smtpreply.explain.HtmlWriter;
import io.github.smtpreply.reply.ReplyClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The explanation pages and the JSON API documents, built from the catalog. */
final class Pages {
  private final Catalog catalog;
  private final Explainer explainer;

  Pages(Catalog catalog) {
    this.catalog = catalog;
    this.explainer = new Explainer(catalog);
  }

  String codePage(CodeEntry entry, Language lang) {
    Document doc = withLanguage(explainer.explain(entry, lang), lang);
    return HtmlWriter.write(doc, nav(lang, "/codes/" + entry.id()), badge(entry));
  }

  String comparePage(CodeEntry a, CodeEntry b, Language lang) {
    Document doc = withLanguage(explainer.compare(a, b, lang), lang);
    return HtmlWriter.write(doc, nav(lang, "/compare/" + a.id() + "/" + b.id()), "");
  }

  String codeJson(CodeEntry entry, Language lang) {
    return Format.JSON.render(explainer.explain(entry, lang));
  }

  String compareJson(CodeEntry a, CodeEntry b, Language lang) {
    return Format.JSON.render(explainer.compare(a, b, lang));
  }

  /** All codes grouped by class, enhanced codes after the basic ones. */
  String indexPage(Language lang) {
    List<Document.Section> sections = new ArrayList<>();
    for (ReplyClass c :
        List.of(
            ReplyClass.SUCCESS,
            ReplyClass.INTERMEDIATE,
            ReplyClass.TRANSIENT,
            ReplyClass.PERMANENT)) {
      List<Document.Link> links = new ArrayList<>();
      for (CodeEntry e : catalog.entries()) {
        if (e instanceof BasicCodeEntry b && b.code().replyClass() == c) {
          links.add(
              new Document.Link(
                  e.id() + " " + catalog.title(e, lang),
                  "/codes/" + e.id() + "?lang=" + lang.tag()));
        }
      }
      sections.add(
          Document.Section.titled(c.digit() + "xx " + catalog.className(lang, c)).withLinks(links));
    }
    List<Document.Link> enhanced = new ArrayList<>();
    List<Document.Link> vendor = new ArrayList<>();
    for (CodeEntry e : catalog.entries()) {
      if (e instanceof EnhancedCodeEntry x) {
        (x.isVendorSpecific() ? vendor : enhanced)
            .add(
                new Document.Link(
                    e.id() + " " + catalog.title(e, lang),
                    "/codes/" + e.id() + "?lang=" + lang.tag()));
      }
    }
    sections.add(
        Document.Section.titled(catalog.label(lang, "index.enhanced")).withLinks(enhanced));
    sections.add(
        Document.Section.titled(catalog.label(lang, "heading.vendorCodes")).withLinks(vendor));
    Document doc =
        new Document(
            catalog.label(lang, "index.title"), lang.tag(), List.of(), sections, List.of());
    return HtmlWriter.write(doc, nav(lang, "/codes"), "");
  }

  /**
   * The comparisons of {@code pairs} (code ids), one section per first code, each link named by the
   * title of the page it opens.
   */
  String comparisonsPage(List<String[]> pairs, Language lang) {
    Map<CodeEntry, List<Document.Link>> byCode = new LinkedHashMap<>();
    for (String[] p : pairs) {
      CodeEntry a = catalog.find(p[0]).orElseThrow();
      CodeEntry b = catalog.find(p[1]).orElseThrow();
      byCode
          .computeIfAbsent(a, k -> new ArrayList<>())
          .add(
              new Document.Link(
                  explainer.compareTitle(a, b, lang),
                  "/compare/" + a.id() + "/" + b.id() + "?lang=" + lang.tag()));
    }
    List<Document.Section> sections = new ArrayList<>();
    byCode.forEach(
        (a, links) ->
            sections.add(
                Document.Section.titled(a.id() + " " + catalog.title(a, lang)).withLinks(links)));
    Document doc =
        new Document(
            catalog.label(lang, "index.comparisons"), lang.tag(), List.of(), sections, List.of());
    return HtmlWriter.write(doc, nav(lang, "/compare"), "");
  }

  /** A page for a path or code that does not exist: says what was asked, escaped. */
  String notFoundPage(String what, Language lang) {
    Document doc =
        new Document(
            catalog.label(lang, "notFound.title"),
            lang.tag(),
            List.of(catalog.label(lang, "notFound.text").replace("{what}", what)),
            List.of(),
            List.of());
    return HtmlWriter.write(doc, nav(lang, "/codes"), "");
  }

  /** Links between pages keep the reader's language. */
  private static Document withLanguage(Document doc, Language lang) {
    return new Document(
        doc.title(),
        doc.language(),
        doc.summary(),
        doc.sections().stream().map(s -> withLanguage(s, lang)).toList(),
        doc.codes());
  }

  private static Document.Section withLanguage(Document.Section s, Language lang) {
    return new Document.Section(
        s.heading(),
        s.paragraphs(),
        s.items(),
        s.links().stream()
            .map(
                l ->
                    l.href().startsWith("/")
                        ? new Document.Link(l.text(), l.href() + "?lang=" + lang.tag())
                        : l)
            .toList(),
        s.subsections().stream().map(sub -> withLanguage(sub, lang)).toList());
  }

  private static String badge(CodeEntry entry) {
    return entry.classes().size() == 1 ? "c" + entry.classes().get(0).digit() : "";
  }

  /**
   * Home link, language switch and the comparison picker (a plain GET form: no script), all in the
   * reader's language.
   */
  private String nav(Language lang, String path) {
    StringBuilder out =
        new StringBuilder("<nav><a href=\"/codes?lang=")
            .append(lang.tag())
            .append("\">")
            .append(HtmlWriter.escape(catalog.label(lang, "index.title")))
            .append("</a><span class=\"langs\">");
    for (Language l : Language.values()) {
      String href = path + "?lang=" + l.tag();
      out.append(
              l == lang
                  ? "<strong>"
                  : "<a href=\""
                      + HtmlWriter.escape(href)
                      + "\" lang=\""
                      + l.tag()
                      + "\" hreflang=\""
                      + l.tag()
                      + "\">")
          .append(HtmlWriter.escape(l.nativeName()))
          .append(l == lang ? "</strong>" : "</a>");
    }
    out.append(
            "</span><form action=\"/compare\" method=\"get\"><input name=\"a\" placeholder=\"550\" aria-label=\"")
        .append(HtmlWriter.escape(catalog.label(lang, "nav.codeA")))
        .append("\"> ")
        .append(HtmlWriter.escape(catalog.label(lang, "nav.versus")))
        .append(" <input name=\"b\" placeholder=\"551\" aria-label=\"")
        .append(HtmlWriter.escape(catalog.label(lang, "nav.codeB")))
        .append("\"><input type=\"hidden\" name=\"lang\" value=\"")
        .append(lang.tag())
        .append("\"><button>")
        .append(HtmlWriter.escape(catalog.label(lang, "nav.compare")))
        .append("</button></form></nav>\n");
    return out.toString();
  }
}
