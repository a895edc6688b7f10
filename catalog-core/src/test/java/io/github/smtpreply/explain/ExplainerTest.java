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
}
