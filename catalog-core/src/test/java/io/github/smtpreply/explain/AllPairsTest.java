package io.github.smtpreply.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every pair of catalog codes, in every language and every format: all of them, not a sample. */
class AllPairsTest {
  private static final Pattern DOUBLED_WORD =
      Pattern.compile("\\b(\\p{L}+)\\s+\\1\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z]+\\}");

  @Test
  void everyPairRendersInEveryLanguageAndFormat() {
    Catalog catalog = Catalog.standard();
    Explainer explainer = new Explainer(catalog);
    List<CodeEntry> entries = catalog.entries();
    List<String> problems = new ArrayList<>();
    int rendered = 0;
    for (int i = 0; i < entries.size(); i++) {
      for (int j = i + 1; j < entries.size(); j++) {
        for (Language language : Language.values()) {
          Document doc = explainer.compare(entries.get(i), entries.get(j), language);
          String pair = entries.get(i).id() + "/" + entries.get(j).id() + " " + language;
          for (Document.Section s : doc.sections()) {
            if (s.heading().equals(catalog.label(language, "heading.differences"))) {
              if (s.items().isEmpty()
                  || s.items().size() != new java.util.HashSet<>(s.items()).size()) {
                problems.add(pair + ": difference items empty or repeated " + s.items());
              }
            }
          }
          for (Format format : Format.values()) {
            String out = format.render(doc);
            rendered++;
            if (out.isBlank() || PLACEHOLDER.matcher(out).find()) {
              problems.add(pair + " " + format + ": placeholder or empty");
            }
            if (format == Format.TEXT) {
              Matcher m = DOUBLED_WORD.matcher(out);
              if (m.find()) {
                problems.add(pair + ": doubled '" + m.group() + "'");
              }
            }
          }
        }
      }
    }
    int n = entries.size();
    assertThat(rendered)
        .isEqualTo(n * (n - 1) / 2 * Language.values().length * Format.values().length);
    assertThat(problems).isEmpty();
  }
}
