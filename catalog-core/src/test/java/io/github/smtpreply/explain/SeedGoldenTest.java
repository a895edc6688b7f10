package io.github.smtpreply.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The five pairs users gave as seeds (252 vs 421, 451, 455, 521, 551), rendered as Markdown in each
 * language, against golden files in src/test/resources/golden. After an intended change, rewrite
 * them with {@code -Dgolden.update=true} and review the diff.
 */
class SeedGoldenTest {
  private static final List<String> SEED_PAIRS = List.of("421", "451", "455", "521", "551");

  @Test
  void seedComparisonsMatchTheirGoldenFiles() throws IOException {
    Catalog catalog = Catalog.standard();
    Explainer explainer = new Explainer(catalog);
    for (String other : SEED_PAIRS) {
      for (Language language : Language.values()) {
        String name = "compare-252-" + other + "." + language.tag() + ".md";
        String actual =
            Format.MARKDOWN.render(
                explainer.compare(
                    catalog.find("252").orElseThrow(),
                    catalog.find(other).orElseThrow(),
                    language));
        if (Boolean.getBoolean("golden.update")) {
          Files.writeString(
              Path.of("src/test/resources/golden", name), actual, StandardCharsets.UTF_8);
          continue;
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
          assertThat(in).as("golden file " + name).isNotNull();
          assertThat(actual)
              .as(name)
              .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
  }

  /** The facts of the seed pages: class of each code and the core of each meaning. */
  @Test
  void seedFactsAreKept() {
    Catalog catalog = Catalog.standard();
    Explainer explainer = new Explainer(catalog);
    String text = "";
    for (String other : SEED_PAIRS) {
      text +=
          Format.TEXT.render(
              explainer.compare(
                  catalog.find("252").orElseThrow(),
                  catalog.find(other).orElseThrow(),
                  Language.EN));
    }
    assertThat(text)
        .contains("252 (Cannot Verify User) is a 2xx Positive Completion reply")
        .contains("421 (Service Not Available) is a 4xx Transient Negative reply")
        .contains("451 (Local Error) is a 4xx Transient Negative reply")
        .contains("455 (Server Unable to Accommodate) is a 4xx Transient Negative reply")
        .contains("521 (Host Does Not Accept Mail) is a 5xx Permanent Negative reply")
        .contains("551 (User Not Local) is a 5xx Permanent Negative reply")
        .contains("will accept mail for it and try to deliver")
        .contains("local error")
        .contains("does not accept mail at all")
        .contains("will not forward");
  }
}
