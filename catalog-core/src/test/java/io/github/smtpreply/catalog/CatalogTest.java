package io.github.smtpreply.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final Catalog catalog = Catalog.standard();

  @Test
  void knowsAll81RegisteredEnhancedCodes() {
    List<CodeEntry> enhanced =
        catalog.entries().stream()
            .filter(e -> e instanceof EnhancedCodeEntry x && !x.isVendorSpecific())
            .toList();
    assertThat(enhanced).hasSize(81);
    assertThat(enhanced.get(0).id()).isEqualTo("X.0.0");
    assertThat(enhanced.get(80).id()).isEqualTo("X.7.30");
  }

  @Test
  void vendorCodesHaveTheirOwnPagesAndAreCountedAsSent() throws Exception {
    assertThat(catalog.find("5.7.606").orElseThrow().id()).isEqualTo("5.7.606-649");
    assertThat(catalog.find("5.7.649").orElseThrow().id()).isEqualTo("5.7.606-649");
    assertThat(catalog.find("5.7.650")).isEmpty();
    assertThat(catalog.find("4.7.650").orElseThrow().id()).isEqualTo("4.7.500-699");
    assertThat(catalog.find("5.7.509").orElseThrow().id()).isEqualTo("5.7.509");
    assertThat(catalog.find("4.7.509").orElseThrow().id()).isEqualTo("4.7.500-699");
    assertThat(catalog.find("5.2.121")).isPresent();
    assertThat(catalog.find("571").orElseThrow()).isInstanceOf(BasicCodeEntry.class);
    assertThat(catalog.find("4.7.26").orElseThrow().id()).isEqualTo("X.7.26");
    assertThat(catalog.statusEntries()).containsKeys("4.7.26", "5.7.26", "5.7.606", "4.7.699");
    assertThat(catalog.statusEntries()).doesNotContainKeys("2.7.26", "5.7.650", "2.7.606");
    for (var e : catalog.statusEntries().entrySet()) {
      var status = io.github.smtpreply.reply.EnhancedStatus.parse(e.getKey());
      assertThat(catalog.status(status)).as(e.getKey()).isSameAs(e.getValue());
      assertThat(catalog.find(e.getKey())).as(e.getKey()).contains(e.getValue());
    }
  }

  @Test
  void knowsTheBasicCodesOfRfc5321AndTheExtensions() {
    for (int code :
        new int[] {
          211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455, 500,
          501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556
        }) {
      assertThat(catalog.basic(ReplyCode.of(code))).as("%d", code).isNotNull();
    }
    assertThat(catalog.basic(ReplyCode.of(599))).isNull();
  }

  @Test
  void marksCodesThatNoRfcDefines() {
    assertThat(((BasicCodeEntry) catalog.find("430").orElseThrow()).standing())
        .isEqualTo(Standing.REGISTRY);
    assertThat(((BasicCodeEntry) catalog.find("200").orElseThrow()).standing())
        .isEqualTo(Standing.DRAFT);
    assertThat(((BasicCodeEntry) catalog.find("550").orElseThrow()).standing())
        .isEqualTo(Standing.RFC);
  }

  @Test
  void everyEntryIsCompleteAndItsRelatedCodesResolve() {
    for (CodeEntry entry : catalog.entries()) {
      assertThat(entry.title()).as(entry.id()).isNotBlank();
      if (entry instanceof EnhancedCodeEntry e && e.isVendorSpecific()) {
        assertThat(e.source()).as(entry.id()).startsWith("https://");
        assertThat(e.references()).as(entry.id()).isEmpty();
      } else {
        assertThat(entry.references()).as(entry.id()).isNotEmpty();
      }
      assertThat(entry.classes()).as(entry.id()).isNotEmpty().doesNotContain(ReplyClass.UNKNOWN);
      for (String related : entry.related()) {
        assertThat(catalog.find(related)).as(entry.id() + " → " + related).isPresent();
        assertThat(related).as(entry.id() + " relates to itself").isNotEqualTo(entry.id());
      }
    }
  }

  @Test
  void referencesAreWellFormedAndLinkToTheRfcEditor() {
    for (CodeEntry entry : catalog.entries()) {
      for (RfcReference ref : entry.references()) {
        assertThat(RfcReference.parse(ref.toString())).isEqualTo(ref);
        assertThat(ref.url()).startsWith("https://www.");
      }
    }
    assertThat(RfcReference.parse("RFC5321:4.2.3").label()).isEqualTo("RFC 5321 §4.2.3");
  }

  @Test
  void findsConcreteStatusesThroughTheirRegistryEntry() {
    assertThat(catalog.find("5.1.1").orElseThrow().id()).isEqualTo("X.1.1");
    assertThat(catalog.find("x.7.26").orElseThrow().id()).isEqualTo("X.7.26");
    assertThat(catalog.enhanced(EnhancedStatus.of(4, 7, 1)).id()).isEqualTo("X.7.1");
    assertThat(catalog.enhanced(EnhancedStatus.of(5, 7, 606))).isNull();
    assertThat(catalog.find("5.9.999")).isEmpty();
    assertThat(catalog.find("<b>")).isEmpty();
  }

  @Test
  void seedCodesAreExplainedInEnglish() {
    for (String code : List.of("252", "421", "451", "455", "521", "551")) {
      Explanation e =
          catalog.explanation(catalog.find(code).orElseThrow(), Language.EN).orElseThrow();
      assertThat(e.fallback()).isFalse();
      assertThat(List.of(e.description(), e.whenYouSeeIt(), e.howToFix()))
          .allSatisfy(text -> assertThat(text).hasSizeGreaterThan(60).endsWith("."));
    }
  }

  /** The standard catalog with the Japanese text of 551 removed. */
  static Catalog withoutJapanese551() {
    java.util.Map<Language, java.util.Properties> texts = new java.util.EnumMap<>(Language.class);
    for (Language l : Language.values()) {
      java.util.Properties p = new java.util.Properties();
      for (String part : List.of("description", "when", "fix")) {
        Catalog.standard()
            .explanation(Catalog.standard().find("551").orElseThrow(), l)
            .filter(e -> !e.fallback())
            .ifPresent(
                e ->
                    p.setProperty(
                        "551." + part,
                        part.equals("description")
                            ? e.description()
                            : part.equals("when") ? e.whenYouSeeIt() : e.howToFix()));
      }
      if (l == Language.JA) {
        p.clear();
      }
      texts.put(l, p);
    }
    return Catalog.standard().withExplanations(texts);
  }

  @Test
  void missingTranslationFallsBackToEnglishVisibly() {
    Catalog catalog = withoutJapanese551();
    Explanation e =
        catalog.explanation(catalog.find("551").orElseThrow(), Language.JA).orElseThrow();
    assertThat(e.fallback()).isTrue();
    assertThat(e.language()).isEqualTo(Language.EN);
  }

  @Test
  void everyLabelExistsInEveryLanguage() {
    for (Language language : Language.values()) {
      for (String key :
          List.of(
              "heading.description",
              "heading.when",
              "heading.fix",
              "heading.differences",
              "heading.which",
              "heading.learnMore",
              "class.success",
              "class.transient",
              "class.permanent",
              "compare.summary",
              "fallback.note")) {
        assertThat(catalog.label(language, key)).as(language + " " + key).isNotBlank();
      }
    }
    assertThat(catalog.label(Language.JA, "heading.fix")).isEqualTo("解決方法");
    assertThat(catalog.label(Language.VI, "heading.when")).isEqualTo("Khi nào gặp mã này");
    assertThat(catalog.label(Language.ZH, "heading.which")).isEqualTo("何时使用哪个");
  }
}
