package io.github.smtpreply.server;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceRecipient;
import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.explain.Document;
import io.github.smtpreply.explain.Explainer;
import io.github.smtpreply.explain.Format;
import io.github.smtpreply.explain.HtmlWriter;
import io.github.smtpreply.explain.JsonWriter;
import io.github.smtpreply.reply.ReplyClass;
import java.util.ArrayList;
import java.util.List;

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
          new Document.Section(
              c.digit() + "xx " + catalog.className(lang, c),
              List.of(),
              List.of(),
              links,
              List.of()));
    }
    List<Document.Link> enhanced = new ArrayList<>();
    for (CodeEntry e : catalog.entries()) {
      if (e instanceof EnhancedCodeEntry) {
        enhanced.add(
            new Document.Link(
                e.id() + " " + catalog.title(e, lang), "/codes/" + e.id() + "?lang=" + lang.tag()));
      }
    }
    sections.add(new Document.Section("RFC 3463 X.Y.Z", List.of(), List.of(), enhanced, List.of()));
    Document doc = new Document("SMTP reply codes", lang.tag(), List.of(), sections, List.of());
    return HtmlWriter.write(doc, nav(lang, "/codes"), "");
  }

  String indexJson() {
    StringBuilder out = new StringBuilder("[");
    for (CodeEntry e : catalog.entries()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"code\":")
          .append(JsonWriter.quoted(e.id()))
          .append(",\"title\":")
          .append(JsonWriter.quoted(e.title()))
          .append(",\"name\":")
          .append(JsonWriter.quoted(e.name()))
          .append(",\"classes\":[");
      for (int i = 0; i < e.classes().size(); i++) {
        out.append(i > 0 ? "," : "").append(JsonWriter.quoted(e.classes().get(i).label()));
      }
      out.append("]}");
    }
    return out.append("]\n").toString();
  }

  static String classificationJson(Classification c) {
    return "{\"code\":"
        + JsonWriter.quoted(c.codeLabel())
        + ",\"enhanced\":"
        + JsonWriter.quoted(c.statusLabel())
        + ",\"enhanced_received\":"
        + JsonWriter.quoted(c.enhancedLabel())
        + ",\"class\":"
        + JsonWriter.quoted(c.replyClass().label())
        + ",\"reason\":"
        + JsonWriter.quoted(c.reason().label())
        + ",\"stage\":"
        + JsonWriter.quoted(c.stage().label())
        + ",\"provider\":"
        + (c.provider() == null ? "null" : JsonWriter.quoted(c.provider()))
        + ",\"flags\":"
        + JsonWriter.quoted(c.flags().toString())
        + ",\"explanation\":"
        + (c.code() == null ? "null" : JsonWriter.quoted("/codes/" + c.code()))
        + "}";
  }

  /** A bounce as JSON: the message's fields, then each recipient with its classified reply. */
  static String bounceJson(Bounce b) {
    StringBuilder out = new StringBuilder("{\"kind\":").append(JsonWriter.quoted(b.kind().label()));
    out.append(",\"format\":").append(JsonWriter.quoted(b.format()));
    out.append(",\"reporting_mta\":").append(nullable(b.reportingMta()));
    out.append(",\"envelope_id\":").append(nullable(b.envelopeId()));
    out.append(",\"arrival_date\":").append(nullable(b.arrivalDate()));
    out.append(",\"original_message_id\":").append(nullable(b.originalMessageId()));
    out.append(",\"original_subject\":").append(nullable(b.originalSubject()));
    out.append(",\"problem\":").append(nullable(b.problem()));
    out.append(",\"recipients\":[");
    String separator = "";
    for (BounceRecipient r : b.recipients()) {
      out.append(separator).append("{\"recipient\":").append(nullable(r.recipient()));
      out.append(",\"action\":").append(JsonWriter.quoted(r.action().label()));
      out.append(",\"remote_mta\":").append(nullable(r.remoteMta()));
      out.append(",\"diagnostic\":").append(JsonWriter.quoted(r.diagnostic()));
      out.append(",\"reply\":").append(classificationJson(r.classification())).append('}');
      separator = ",";
    }
    return out.append("]}").toString();
  }

  private static String nullable(String s) {
    return s == null ? "null" : JsonWriter.quoted(s);
  }

  /** A page for a path or code that does not exist: says what was asked, escaped. */
  String notFoundPage(String what, Language lang) {
    Document doc =
        new Document(
            "Not found",
            lang.tag(),
            List.of("There is no page for " + what + ". Codes look like 550, 5.1.1 or X.1.1."),
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

  /** Home link, language switch and the comparison picker (a plain GET form: no script). */
  private String nav(Language lang, String path) {
    StringBuilder out =
        new StringBuilder("<nav><a href=\"/codes?lang=")
            .append(lang.tag())
            .append("\">SMTP codes</a>");
    for (Language l : Language.values()) {
      String href = path + "?lang=" + l.tag();
      out.append(l == lang ? "<strong>" : "<a href=\"" + HtmlWriter.escape(href) + "\">")
          .append(HtmlWriter.escape(l.nativeName()))
          .append(l == lang ? "</strong>" : "</a>");
    }
    out.append(
            "<form action=\"/compare\" method=\"get\"><input name=\"a\" placeholder=\"550\" aria-label=\"code A\"> vs ")
        .append("<input name=\"b\" placeholder=\"551\" aria-label=\"code B\">")
        .append("<input type=\"hidden\" name=\"lang\" value=\"")
        .append(lang.tag())
        .append("\">")
        .append("<button>Compare</button></form></nav>\n");
    return out.toString();
  }
}
