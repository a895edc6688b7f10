package io.github.smtpreply.explain;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.catalog.Explanation;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.catalog.RfcReference;
import io.github.smtpreply.catalog.Standing;
import io.github.smtpreply.catalog.Variant;
import io.github.smtpreply.explain.Document.Link;
import io.github.smtpreply.explain.Document.Section;
import io.github.smtpreply.reply.ReplyClass;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the page of one code and the comparison of two, in the seeds' structure: summary; per code
 * description, when you see it, how to fix; key differences; when to use which; learn more. Every
 * sentence comes whole from the catalog or from a template of the language's labels file, so no
 * sentence is stitched from fragments of another.
 */
public final class Explainer {
  private final Catalog catalog;

  public Explainer(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The page of one code. */
  public Document explain(CodeEntry entry, Language lang) {
    List<String> summary = new ArrayList<>();
    summary.add(classSentence(entry, lang));
    List<Section> sections = new ArrayList<>(codeSections(entry, lang));
    List<Variant> variants = catalog.variants(entry);
    if (!variants.isEmpty()) {
      List<String> items = new ArrayList<>();
      boolean fallback = false;
      for (Variant v : variants) {
        Explanation.Text meaning = catalog.variantMeaning(v, lang);
        fallback |= meaning.fallback();
        items.add(
            fill(
                    catalog.label(lang, "wild.item"),
                    Map.of("provider", v.provider(), "reply", v.reply()))
                + "\n"
                + meaning.text());
      }
      List<String> note = fallback ? List.of(catalog.label(lang, "fallback.note")) : List.of();
      sections.add(
          Section.titled(catalog.label(lang, "heading.wild"))
              .withParagraphs(note)
              .withItems(items));
    }
    sections.add(facts(entry, lang));
    List<Link> comparisons = comparisons(entry, lang);
    if (!comparisons.isEmpty()) {
      sections.add(Section.titled(catalog.label(lang, "heading.compare")).withLinks(comparisons));
    }
    sections.add(learnMore(List.of(entry), lang));
    return new Document(
        fill(
            catalog.label(lang, "page.title"),
            Map.of("code", entry.id(), "title", catalog.title(entry, lang))),
        lang.tag(),
        summary,
        sections,
        List.of(entry.id()));
  }

  /** The comparison of two codes. */
  public Document compare(CodeEntry a, CodeEntry b, Language lang) {
    Map<String, String> vars =
        Map.of(
            "a", a.id(),
            "b", b.id(),
            "titleA", catalog.title(a, lang),
            "titleB", catalog.title(b, lang),
            "classA", classPhrase(a, lang),
            "classB", classPhrase(b, lang));
    boolean sameClass = classPhrase(a, lang).equals(classPhrase(b, lang));
    List<String> summary = new ArrayList<>();
    summary.add(
        fill(catalog.label(lang, sameClass ? "compare.summarySame" : "compare.summary"), vars));

    List<Section> sections = new ArrayList<>();
    for (CodeEntry e : List.of(a, b)) {
      sections.add(
          Section.titled(e.id() + " " + catalog.title(e, lang))
              .withSubsections(codeSections(e, lang))
              .withLinks(
                  List.of(
                      new Link(
                          fill(
                              catalog.label(lang, "compare.pageOf"),
                              Map.of("code", e.id(), "title", catalog.title(e, lang))),
                          "/codes/" + e.id()))));
    }

    // Only what differs: the class is said once in the summary when both share it.
    List<String> differences = new ArrayList<>();
    differences.add(fill(catalog.label(lang, "compare.meaning"), vars));
    if (!sameClass) {
      differences.add(retry(a, lang));
      differences.add(retry(b, lang));
    }
    String commandsA = commands(a, lang);
    String commandsB = commands(b, lang);
    if (!commandsA.isEmpty() && !commandsB.isEmpty() && !commandsA.equals(commandsB)) {
      differences.add(
          fill(
              catalog.label(lang, "compare.commands"),
              Map.of("a", a.id(), "b", b.id(), "commandsA", commandsA, "commandsB", commandsB)));
    }
    registration(a, b, lang).ifPresent(differences::add);
    if (!originKey(a).equals(originKey(b))) {
      differences.add(origin(a, lang));
      differences.add(origin(b, lang));
    }
    sections.add(Section.titled(catalog.label(lang, "heading.differences")).withItems(differences));

    List<String> which = new ArrayList<>();
    for (CodeEntry e : List.of(a, b)) {
      // "421（…）： 您的…" would keep a space after a full-width colon.
      which.add(
          withoutSpaceBetweenCjk(
              fill(
                      catalog.label(lang, "compare.for"),
                      Map.of("code", e.id(), "title", catalog.title(e, lang)))
                  + " "
                  + fix(e, lang)));
    }
    sections.add(Section.titled(catalog.label(lang, "heading.which")).withParagraphs(which));
    sections.add(learnMore(List.of(a, b), lang));
    return new Document(
        compareTitle(a, b, lang), lang.tag(), summary, sections, List.of(a.id(), b.id()));
  }

  /** The title of the comparison of {@code a} with {@code b}, as its page gives it. */
  public String compareTitle(CodeEntry a, CodeEntry b, Language lang) {
    return fill(
        catalog.label(lang, "compare.title"),
        Map.of(
            "a",
            a.id(),
            "b",
            b.id(),
            "titleA",
            catalog.title(a, lang),
            "titleB",
            catalog.title(b, lang)));
  }

  private static String originKey(CodeEntry entry) {
    if (entry instanceof EnhancedCodeEntry e) {
      return e.isVendorSpecific() ? "vendor:" + e.vendor() : "registered";
    }
    return ((BasicCodeEntry) entry).standing().label();
  }

  /** Where a code's meaning comes from: an RFC, the registry only, a draft, or one vendor. */
  private String origin(CodeEntry entry, Language lang) {
    String key;
    Map<String, String> vars = Map.of("code", entry.id());
    if (entry instanceof EnhancedCodeEntry e && e.isVendorSpecific()) {
      key = "compare.origin.vendor";
      vars = Map.of("code", entry.id(), "vendor", e.vendor());
    } else if (entry instanceof BasicCodeEntry basic) {
      key = "compare.origin." + basic.standing().label();
    } else {
      key = "compare.origin.registered";
    }
    return fill(catalog.label(lang, key), vars);
  }

  /**
   * The codes people compare this one with, in the order its page lists them: its 4xx/5xx sibling,
   * then its related codes (the codes most often confused with it). The static site writes exactly
   * these comparisons, so every link of a code page has its page.
   */
  public List<CodeEntry> comparedWith(CodeEntry entry) {
    Set<String> others = new LinkedHashSet<>();
    if (entry instanceof BasicCodeEntry basic) {
      int v = basic.code().value();
      int sibling = v / 100 == 4 ? v + 100 : v / 100 == 5 ? v - 100 : 0;
      if (sibling != 0) {
        catalog.find(Integer.toString(sibling)).ifPresent(e -> others.add(e.id()));
      }
    }
    for (String id : entry.related()) {
      catalog.find(id).ifPresent(e -> others.add(e.id()));
    }
    others.remove(entry.id());
    return others.stream().map(id -> catalog.find(id).orElseThrow()).toList();
  }

  private List<Link> comparisons(CodeEntry entry, Language lang) {
    List<Link> links = new ArrayList<>();
    for (CodeEntry other : comparedWith(entry)) {
      links.add(
          new Link(compareTitle(entry, other, lang), "/compare/" + entry.id() + "/" + other.id()));
    }
    return links;
  }

  /** For a basic code against an enhanced one: whether the registry pairs them. */
  private java.util.Optional<String> registration(CodeEntry a, CodeEntry b, Language lang) {
    BasicCodeEntry basic =
        a instanceof BasicCodeEntry x ? x : b instanceof BasicCodeEntry y ? y : null;
    EnhancedCodeEntry enhanced =
        a instanceof EnhancedCodeEntry x ? x : b instanceof EnhancedCodeEntry y ? y : null;
    if (basic == null || enhanced == null) {
      return java.util.Optional.empty();
    }
    String key =
        enhanced.basicCodes().contains(basic.code())
            ? "compare.registered"
            : "compare.notRegistered";
    return java.util.Optional.of(
        fill(catalog.label(lang, key), Map.of("enhanced", enhanced.id(), "basic", basic.id())));
  }

  private List<Section> codeSections(CodeEntry entry, Language lang) {
    List<Section> sections = new ArrayList<>();
    var explanation = catalog.explanation(entry, lang);
    String note =
        explanation.filter(Explanation::fallback).isPresent()
            ? catalog.label(lang, "fallback.note")
            : null;
    List<String> description = new ArrayList<>();
    if (note != null) {
      description.add(note);
    }
    description.add(description(entry, lang));
    sections.add(
        Section.titled(catalog.label(lang, "heading.description")).withParagraphs(description));
    if (explanation.isPresent()) {
      sections.add(
          Section.text(catalog.label(lang, "heading.when"), explanation.get().whenYouSeeIt()));
      sections.add(Section.text(catalog.label(lang, "heading.fix"), explanation.get().howToFix()));
    }
    return sections;
  }

  /**
   * "Official name: …" in the language's own punctuation: a full-width colon in Japanese and
   * Chinese ("正式名称：…"), and no space between two CJK words of a list ("问候和任何命令").
   */
  private String fact(Language lang, String labelKey, String value) {
    return fill(
        catalog.label(lang, "fact.line"),
        Map.of("label", catalog.label(lang, labelKey), "value", value));
  }

  private Section facts(CodeEntry entry, Language lang) {
    List<String> paragraphs = new ArrayList<>();
    if (!entry.name().isEmpty()) {
      paragraphs.add(fact(lang, "heading.official", entry.name()));
    }
    if (entry instanceof BasicCodeEntry basic && basic.standing() != Standing.RFC) {
      paragraphs.add(catalog.label(lang, "page.standing." + basic.standing().label()));
    }
    String commands = commands(entry, lang);
    if (!commands.isEmpty()) {
      paragraphs.add(fact(lang, "heading.commands", commands));
    }
    if (entry instanceof EnhancedCodeEntry enhanced && !enhanced.basicCodes().isEmpty()) {
      List<String> codes = enhanced.basicCodes().stream().map(Object::toString).toList();
      paragraphs.add(
          fact(lang, "heading.seenFor", String.join(catalog.label(lang, "list.and"), codes)));
    }
    if (entry instanceof EnhancedCodeEntry enhanced && enhanced.isVendorSpecific()) {
      paragraphs.add(fill(catalog.label(lang, "page.vendor"), Map.of("vendor", enhanced.vendor())));
    }
    catalog
        .note(entry, lang)
        .ifPresent(
            n -> {
              if (n.fallback()) {
                paragraphs.add(catalog.label(lang, "fallback.note"));
              }
              paragraphs.add(n.text());
            });
    List<Link> related = new ArrayList<>();
    for (String id : entry.related()) {
      catalog
          .find(id)
          .ifPresent(
              r ->
                  related.add(new Link(r.id() + " " + catalog.title(r, lang), "/codes/" + r.id())));
    }
    List<Section> relatedSection =
        related.isEmpty()
            ? List.of()
            : List.of(Section.titled(catalog.label(lang, "heading.related")).withLinks(related));
    return Section.titled(catalog.label(lang, "heading.about"))
        .withParagraphs(paragraphs)
        .withSubsections(relatedSection);
  }

  private Section learnMore(List<CodeEntry> entries, Language lang) {
    Set<Link> links = new LinkedHashSet<>();
    for (CodeEntry entry : entries) {
      if (entry instanceof EnhancedCodeEntry e && e.isVendorSpecific()) {
        links.add(
            new Link(
                fill(catalog.label(lang, "page.vendorSource"), Map.of("vendor", e.vendor())),
                e.source()));
      }
      for (RfcReference ref : entry.references()) {
        links.add(new Link(ref.label(), ref.url()));
      }
    }
    return Section.titled(catalog.label(lang, "heading.learnMore")).withLinks(List.copyOf(links));
  }

  private String description(CodeEntry entry, Language lang) {
    return catalog
        .explanation(entry, lang)
        .map(Explanation::description)
        .orElseGet(
            () ->
                fill(
                    catalog.label(lang, "page.noExplanation"),
                    Map.of(
                        "name",
                        entry.name().isEmpty() ? catalog.title(entry, lang) : entry.name())));
  }

  private String fix(CodeEntry entry, Language lang) {
    return catalog
        .explanation(entry, lang)
        .map(Explanation::howToFix)
        .orElseGet(() -> retry(entry, lang));
  }

  private String classSentence(CodeEntry entry, Language lang) {
    String key = entry instanceof EnhancedCodeEntry ? "page.classEnhanced" : "page.classBasic";
    return fill(
        catalog.label(lang, key),
        Map.of(
            "code",
            entry.id(),
            "title",
            catalog.title(entry, lang),
            "class",
            classPhrase(entry, lang)));
  }

  /** "5xx Permanent Negative", or for an enhanced code all its classes: "4xx …, 5xx …". */
  private String classPhrase(CodeEntry entry, Language lang) {
    List<String> parts = new ArrayList<>();
    for (ReplyClass c : entry.classes()) {
      parts.add(c.digit() + "xx " + catalog.className(lang, c));
    }
    return join(parts, lang);
  }

  private String retry(CodeEntry entry, Language lang) {
    ReplyClass c = entry.classes().size() == 1 ? entry.classes().get(0) : ReplyClass.UNKNOWN;
    if (c == ReplyClass.UNKNOWN && entry instanceof EnhancedCodeEntry) {
      c = entry.classes().get(entry.classes().size() - 1);
    }
    return fill(catalog.label(lang, "retry." + c.label()), Map.of("code", entry.id()));
  }

  private String commands(CodeEntry entry, Language lang) {
    if (!(entry instanceof BasicCodeEntry basic) || basic.commands().isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (String command : basic.commands()) {
      names.add(
          switch (command) {
            case "connect", "end-of-data", "any" -> catalog.label(lang, "command." + command);
            default -> command;
          });
    }
    return join(names, lang);
  }

  private String join(List<String> parts, Language lang) {
    if (parts.size() <= 1) {
      return parts.isEmpty() ? "" : parts.get(0);
    }
    String and = catalog.label(lang, "list.and");
    String last = catalog.label(lang, "list.lastAnd");
    return String.join(and, parts.subList(0, parts.size() - 1))
        + last
        + parts.get(parts.size() - 1);
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");

  /**
   * Replaces the {@code {name}} placeholders of a template in one pass (so values are never read as
   * templates); fails loudly on a placeholder without a value.
   */
  static String fill(String template, Map<String, String> vars) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {" + m.group(1) + "} in: " + template);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return withoutSpaceBetweenCjk(m.appendTail(out).toString());
  }

  /**
   * Templates put spaces around their values for Latin words ({@code 220 は {commands} への応答}); when
   * the value itself is Japanese or Chinese, the space between two CJK characters is wrong, and so
   * is a space beside full-width punctuation (「：」「。」「（」), which carries its own spacing.
   */
  static String withoutSpaceBetweenCjk(String text) {
    if (text.indexOf(' ') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' '
          && i > 0
          && i + 1 < text.length()
          && (isCjk(text.charAt(i - 1)) && isCjk(text.charAt(i + 1))
              || isWidePunctuation(text.charAt(i - 1))
              || isWidePunctuation(text.charAt(i + 1)))) {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isWidePunctuation(char c) {
    return (c >= '\u3001' && c <= '\u3011') // 、。〃〄々〆〇〈〉《》「」『』【】
        || (c >= '\uff01' && c <= '\uff0f') // ！＂＃＄％＆＇（）＊＋，－．／
        || (c >= '\uff1a' && c <= '\uff20') // ：；＜＝＞？＠
        || (c >= '\uff3b' && c <= '\uff40')
        || (c >= '\uff5b' && c <= '\uff60');
  }

  private static boolean isCjk(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || (c >= '\u3000' && c <= '\u30ff') // CJK punctuation, hiragana, katakana (with ー)
        || (c >= '\uff01' && c <= '\uff60'); // fullwidth forms
  }
}
