package io.github.smtpreply.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  private static final Pattern DOUBLED_WORD =
      Pattern.compile("\\b(\\p{L}+)\\s+\\1\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private final Catalog catalog = Catalog.standard();
  private final Explainer explainer = new Explainer(catalog);

  private CodeEntry code(String id) {
    return catalog.find(id).orElseThrow();
  }

  @Test
  void comparesTheSeedPairsInTheSeedsStructure() {
    Document doc = explainer.compare(code("252"), code("451"), Language.EN);
    assertThat(doc.title()).isEqualTo("SMTP 252 Cannot Verify User vs 451 Local Error");
    assertThat(doc.summary().get(0))
        .isEqualTo(
            "252 (Cannot Verify User) is a 2xx Positive Completion reply, while 451 (Local Error)"
                + " is a 4xx Transient Negative reply.");
    assertThat(doc.sections())
        .extracting(Document.Section::heading)
        .containsExactly(
            "252 Cannot Verify User",
            "451 Local Error",
            "Key differences",
            "When to use which",
            "Learn more");
    assertThat(doc.sections().get(0).subsections())
        .extracting(Document.Section::heading)
        .containsExactly("Description", "When you see this code", "How to fix");
  }

  @Test
  void seedFactsHold() {
    String text = Format.TEXT.render(explainer.compare(code("252"), code("551"), Language.EN));
    assertThat(text).contains("551 (User Not Local) is a 5xx Permanent Negative reply");
    assertThat(text).contains("will not forward");
    assertThat(text).contains("is not local to this server");
    assertThat(Format.TEXT.render(explainer.compare(code("252"), code("521"), Language.EN)))
        .contains("does not accept mail at all");
  }

  @Test
  void everySeedPairRendersInEveryLanguageAndFormatWithoutSeams() {
    for (String other : List.of("421", "451", "455", "521", "551")) {
      for (Language language : Language.values()) {
        Document doc = explainer.compare(code("252"), code(other), language);
        for (Format format : Format.values()) {
          String out = format.render(doc);
          assertThat(out)
              .as(other + " " + language + " " + format)
              .isNotBlank()
              .doesNotContainPattern("\\{[a-zA-Z]+\\}");
          if (format == Format.TEXT) {
            Matcher m = DOUBLED_WORD.matcher(out);
            assertThat(m.find() ? m.group() : null)
                .as("doubled word " + other + " " + language)
                .isNull();
          }
        }
      }
    }
  }

  @Test
  void headingsAreTranslatedAndMissingTextSaysItIsEnglish() {
    String ja = Format.TEXT.render(explainer.compare(code("252"), code("421"), Language.JA));
    assertThat(ja).contains("説明", "このコードが表示される場合", "解決方法", "主な違い", "どちらをいつ使うか", "詳しく見る");
    Catalog partial = io.github.smtpreply.catalog.CatalogAccess.withoutJapanese551();
    String fallback =
        Format.TEXT.render(
            new Explainer(partial)
                .compare(
                    partial.find("252").orElseThrow(),
                    partial.find("551").orElseThrow(),
                    Language.JA));
    assertThat(fallback).contains(catalog.label(Language.JA, "fallback.note"));
  }

  @Test
  void htmlEscapesEverythingAndFetchesNothing() {
    Document doc =
        new Document(
            "<script>alert(1)</script>",
            "en",
            List.of("a & b \"quoted\" 'single'"),
            List.of(
                new Document.Section(
                    "<h>",
                    List.of("<img src=x onerror=alert(1)>"),
                    List.of("<li>"),
                    List.of(new Document.Link("<x>", "javascript:\"><script>")),
                    List.of())),
            List.of());
    String html = Format.HTML.render(doc);
    assertThat(html).doesNotContain("<script>", "<img", "\"><");
    assertThat(html).contains("&lt;script&gt;", "&amp; b &quot;quoted&quot; &#39;single&#39;");
    String page = Format.HTML.render(explainer.explain(code("421"), Language.EN));
    assertThat(page).doesNotContain("src=", "<link", "<script");
  }

  @Test
  void jsonIsEscaped() {
    Document doc = new Document("t\"\\\n\u0001", "en", List.of(), List.of(), List.of("550"));
    assertThat(Format.JSON.render(doc)).startsWith("{\"title\":\"t\\\"\\\\\\n\\u0001\"");
  }

  @Test
  void explainsEveryCatalogEntryWithoutFailing() {
    for (CodeEntry entry : catalog.entries()) {
      for (Language language : Language.values()) {
        assertThat(Format.MARKDOWN.render(explainer.explain(entry, language))).contains(entry.id());
      }
    }
  }

  @Test
  void noSpaceIsLeftBetweenTwoJapaneseOrChineseCharacters() {
    assertThat(Explainer.withoutSpaceBetweenCjk("220 は 接続時のグリーティング への応答"))
        .isEqualTo("220 は接続時のグリーティングへの応答");
    assertThat(Explainer.withoutSpaceBetweenCjk("ローカルエラー の比較")).isEqualTo("ローカルエラーの比較");
    assertThat(Explainer.withoutSpaceBetweenCjk("是 2xx 应答")).isEqualTo("是 2xx 应答");
    assertThat(Explainer.withoutSpaceBetweenCjk("421（サービス利用不可）の場合： 421 は一時的エラー"))
        .isEqualTo("421（サービス利用不可）の場合：421 は一時的エラー");
    assertThat(Explainer.withoutSpaceBetweenCjk("对于 421（服务不可用）： 421 是 4xx 应答。 RFC"))
        .isEqualTo("对于 421（服务不可用）：421 是 4xx 应答。RFC");
    assertThat(Explainer.withoutSpaceBetweenCjk("Bạn nhận được 252 khi gửi VRFY"))
        .isEqualTo("Bạn nhận được 252 khi gửi VRFY");
  }

  /**
   * Issue 14 §3: the generated lines of a page ("Official name: …", "Replies to: …") follow the
   * language's own punctuation on every code page — a full-width colon in Japanese and Chinese, no
   * space between two CJK words of a list ("问候 和 任何命令" was on the 421 page) — and no ASCII colon is
   * left after a Japanese or Chinese label. The quoted replies are left as sent.
   */
  @Test
  void everyJapaneseAndChinesePageIsSpacedAndPunctuatedOneWay() {
    String cjk = "[\\u3040-\\u30ff\\u4e00-\\u9fff]";
    String wide = "[\\u3001-\\u3011\\uff01-\\uff0f\\uff1a-\\uff20]";
    Pattern wrong =
        Pattern.compile(cjk + " " + cjk + "|(?<![0-9]) " + wide + "|" + wide + " |" + cjk + ": ");
    List<String> problems = new java.util.ArrayList<>();
    for (CodeEntry entry : catalog.entries()) {
      for (Language language : List.of(Language.JA, Language.ZH)) {
        Document doc = explainer.explain(entry, language);
        List<String> texts = new java.util.ArrayList<>(doc.summary());
        doc.sections().forEach(s -> collect(s, texts));
        for (String text : texts) {
          Matcher m = wrong.matcher(text);
          if (m.find()) {
            problems.add(entry.id() + " " + language + ": '" + m.group() + "' in " + text);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    Document ja = explainer.explain(code("550"), Language.JA);
    List<String> texts = new java.util.ArrayList<>();
    ja.sections().forEach(s -> collect(s, texts));
    assertThat(texts).contains("正式名称：" + code("550").name());
    Document zh = explainer.explain(code("421"), Language.ZH);
    List<String> zhTexts = new java.util.ArrayList<>();
    zh.sections().forEach(s -> collect(s, zhTexts));
    assertThat(zhTexts).contains("所答复的命令：连接时的问候和任何命令");
  }

  /** Paragraphs, items without their quoted first line, and link texts of a section and below. */
  private static void collect(Document.Section s, List<String> out) {
    out.add(s.heading());
    out.addAll(s.paragraphs());
    for (String item : s.items()) {
      int nl = item.indexOf('\n');
      out.add(nl < 0 ? item : item.substring(nl + 1));
    }
    s.links().forEach(l -> out.add(l.text()));
    s.subsections().forEach(sub -> collect(sub, out));
  }
}
