package io.github.smtpreply.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every entry is complete in every language: no placeholder, empty field or missing text. */
class CompletenessTest {
  private final Catalog catalog = Catalog.standard();

  @Test
  void everyCodeIsExplainedInEveryLanguageWithoutFallback() {
    List<String> problems = new ArrayList<>();
    for (CodeEntry entry : catalog.entries()) {
      for (Language language : Language.values()) {
        var e = catalog.explanation(entry, language);
        if (e.isEmpty() || e.get().fallback()) {
          problems.add(entry.id() + " " + language + ": no explanation");
          continue;
        }
        for (String text :
            List.of(e.get().description(), e.get().whenYouSeeIt(), e.get().howToFix())) {
          if (text.isBlank() || text.contains("{") || text.contains("}") || text.contains("TODO")) {
            problems.add(entry.id() + " " + language + ": bad text " + text);
          }
        }
        if (language != Language.EN && catalog.title(entry, language).equals(entry.title())) {
          problems.add(entry.id() + " " + language + ": untranslated title");
        }
        var note = catalog.note(entry, language);
        if (note.isPresent() && (note.get().fallback() || note.get().text().isBlank())) {
          problems.add(entry.id() + " " + language + ": note shown in English only");
        }
        if (language != Language.EN) {
          var en = catalog.explanation(entry, Language.EN).orElseThrow();
          if (e.get().description().equals(en.description())
              || e.get().whenYouSeeIt().equals(en.whenYouSeeIt())
              || e.get().howToFix().equals(en.howToFix())
              || (note.isPresent() && note.get().text().equals(entry.note()))) {
            problems.add(entry.id() + " " + language + ": a field is the English text");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** No stray translation: every {@code <id>.note} belongs to a code that has a note. */
  @Test
  void everyTranslatedNoteBelongsToACodeWithANote() throws IOException {
    for (Language language : Language.values()) {
      Properties p = load("explanations_" + language.tag() + ".properties");
      for (String key : p.stringPropertyNames()) {
        if (key.endsWith(".note")) {
          String id = key.substring(0, key.length() - ".note".length());
          CodeEntry entry = catalog.find(id).orElse(null);
          assertThat(entry).as(key).isNotNull();
          assertThat(entry.id()).as(key).isEqualTo(id);
          assertThat(entry.note()).as(key + " translates an empty note").isNotEmpty();
        }
      }
    }
  }

  @Test
  void everyEnglishDescriptionNamesItsSource() {
    for (CodeEntry entry : catalog.entries()) {
      String d = catalog.explanation(entry, Language.EN).orElseThrow().description();
      assertThat(d).as(entry.id()).containsPattern("RFC [0-9]+|registry|draft|non-standard");
    }
  }

  @Test
  void everyVariantHasAMeaningInEveryLanguage() {
    for (CodeEntry entry : catalog.entries()) {
      for (Variant v : catalog.variants(entry)) {
        for (Language language : Language.values()) {
          var meaning = catalog.variantMeaning(v, language);
          assertThat(meaning.fallback()).as(v.id() + " " + language).isFalse();
          assertThat(meaning.text()).isNotBlank();
        }
      }
    }
  }

  @Test
  void everyLanguageHasTheSameLabelsAsEnglish() throws IOException {
    Properties en = load("labels_en.properties");
    for (Language language : Language.values()) {
      Properties p = load("labels_" + language.tag() + ".properties");
      assertThat(p.stringPropertyNames()).as(language.tag()).isEqualTo(en.stringPropertyNames());
      for (String key : p.stringPropertyNames()) {
        assertThat(p.getProperty(key)).as(language + " " + key).isNotBlank();
        if (language != Language.EN && key.startsWith("heading.")) {
          assertThat(p.getProperty(key))
              .as("untranslated heading " + language + " " + key)
              .isNotEqualTo(en.getProperty(key));
        }
      }
    }
  }

  /**
   * One spacing convention in Japanese and Chinese text: a half-width space between CJK and Latin
   * letters or digits ("是 2xx", "550 は"), none between two CJK characters, none beside full-width
   * punctuation — except a reply quoted as sent ("「334 」": the code and its space).
   */
  @Test
  void japaneseAndChineseTextIsSpacedOneWay() throws IOException {
    String cjk = "[\\u3040-\\u30ff\\u4e00-\\u9fff]";
    String wide = "[\\u3001-\\u3011\\uff01-\\uff0f\\uff1a-\\uff20]";
    Pattern wrong =
        Pattern.compile(
            cjk
                + "[A-Za-z0-9]|[A-Za-z0-9]"
                + cjk
                + "|"
                + cjk
                + " "
                + cjk
                + "|(?<![0-9]) "
                + wide
                + "|"
                + wide
                + " ");
    List<String> problems = new ArrayList<>();
    for (String lang : List.of("ja", "zh")) {
      for (String file : List.of("explanations", "variants", "labels")) {
        Properties p = load(file + "_" + lang + ".properties");
        for (String key : p.stringPropertyNames()) {
          Matcher m = wrong.matcher(p.getProperty(key));
          while (m.find()) {
            problems.add(lang + " " + key + ": '" + m.group() + "'");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Catalog.class.getResourceAsStream(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
