package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 §0: smtp-reply site writes the pages as static HTML whose every link resolves. */
class SiteCommandTest {
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

  @TempDir Path dir;

  @Test
  void everyLinkOfTheWrittenSiteResolvesToAWrittenFile() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        SmtpReplyCli.run(
            new String[] {"site", "--out", dir.toString()},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("wrote ");
    List<Path> pages;
    try (Stream<Path> files = Files.walk(dir)) {
      pages = files.filter(p -> p.toString().endsWith(".html")).toList();
    }
    int links = 0;
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      String html = Files.readString(page);
      assertThat(html).as(page.toString()).doesNotContain("<form", "href=\"/");
      Matcher m = HREF.matcher(html);
      while (m.find()) {
        String href = m.group(1);
        if (href.startsWith("http://") || href.startsWith("https://") || href.startsWith("#")) {
          continue;
        }
        links++;
        Path target = page.getParent().resolve(href.replaceAll("#.*", "")).normalize();
        if (!target.startsWith(dir) || !Files.isRegularFile(target)) {
          broken.add(dir.relativize(page) + " -> " + href);
        }
      }
    }
    assertThat(broken).isEmpty();
    assertThat(links).isGreaterThan(10_000);
    // Every code in four languages, the indexes, and the comparisons people look for.
    for (String lang : List.of("en", "vi", "ja", "zh")) {
      assertThat(dir.resolve(lang + "/codes/index.html")).isRegularFile();
      assertThat(dir.resolve(lang + "/codes/550.html")).isRegularFile();
      assertThat(dir.resolve(lang + "/codes/X.7.26.html")).isRegularFile();
      assertThat(dir.resolve(lang + "/compare/450/550.html")).isRegularFile();
      assertThat(dir.resolve(lang + "/compare/451/551.html")).isRegularFile();
    }
    assertThat(Files.readString(dir.resolve("vi/codes/550.html")))
        .contains("lang=\"vi\"", "href=\"../../ja/codes/550.html\"");
    // The comparison index and the link that stands for the picker speak the page's language.
    assertThat(Files.readString(dir.resolve("ja/compare/index.html")))
        .contains("<title>SMTP 応答コードの比較</title>", "<meta name=\"viewport\"")
        .contains("href=\"../../ja/compare/550/551.html\"")
        .doesNotContain(">vs<", "SMTP comparisons", ">SMTP codes<");
    assertThat(Files.readString(dir.resolve("zh/codes/550.html")))
        .contains(">SMTP 应答码对比</a>")
        .doesNotContain(">vs<", ">SMTP codes<");
  }

  @Test
  void siteWithoutOutIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        SmtpReplyCli.run(
            new String[] {"site"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("site needs --out DIR");
  }
}
