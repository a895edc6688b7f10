package io.github.smtpreply.server;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.explain.Explainer;
import io.github.smtpreply.explain.HtmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explanation pages as static files: {@code LANG/codes/index.html}, {@code LANG/codes/ID.html},
 * {@code LANG/compare/A/B.html}, {@code LANG/compare/index.html} and a root {@code index.html}. The
 * server's links ({@code /codes/550?lang=vi}) become relative file links, so the site works from
 * the file system and from any web server, at any path.
 */
public final class StaticSite {
  /** What was written. */
  public record Written(int pages, int comparisons, int languages) {}

  private static final Pattern HREF = Pattern.compile("href=\"(/[^\"]*)\"");
  private static final Pattern LINK =
      Pattern.compile("/(codes|compare)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?lang=([a-z]+))?");
  private static final Pattern FORM = Pattern.compile("<form .*?</form>", Pattern.DOTALL);

  private final Catalog catalog = Catalog.standard();
  private final Pages pages = new Pages(catalog);
  private final Explainer explainer = new Explainer(catalog);

  /** Writes the site into {@code dir} (created if needed; files of the same name replaced). */
  public Written write(Path dir) throws IOException {
    List<String[]> pairs = comparisons();
    int written = 0;
    StringBuilder root = new StringBuilder();
    for (Language lang : Language.values()) {
      String l = lang.tag();
      write(dir, l + "/codes/index.html", pages.indexPage(lang), lang);
      written++;
      for (CodeEntry e : catalog.entries()) {
        write(dir, l + "/codes/" + e.id() + ".html", pages.codePage(e, lang), lang);
        written++;
      }
      for (String[] p : pairs) {
        CodeEntry a = catalog.find(p[0]).orElseThrow();
        CodeEntry b = catalog.find(p[1]).orElseThrow();
        write(
            dir,
            l + "/compare/" + a.id() + "/" + b.id() + ".html",
            pages.comparePage(a, b, lang),
            lang);
        written++;
      }
      write(dir, l + "/compare/index.html", pages.comparisonsPage(pairs, lang), lang);
      written++;
      root.append("<li><a href=\"")
          .append(l)
          .append("/codes/index.html\">")
          .append(HtmlWriter.escape(lang.nativeName()))
          .append("</a> · <a href=\"")
          .append(l)
          .append("/compare/index.html\">vs</a></li>\n");
    }
    Files.writeString(
        dir.resolve("index.html"),
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>SMTP reply codes</title>"
            + "</head><body>\n<h1>SMTP reply codes</h1>\n<ul>\n"
            + root
            + "</ul>\n</body></html>\n",
        StandardCharsets.UTF_8);
    return new Written(written + 1, pairs.size(), Language.values().length);
  }

  /** The comparisons the code pages link to, each as its pages link it ({@code a} to {@code b}). */
  List<String[]> comparisons() {
    List<String[]> pairs = new ArrayList<>();
    for (CodeEntry e : catalog.entries()) {
      for (CodeEntry other : explainer.comparedWith(e)) {
        pairs.add(new String[] {e.id(), other.id()});
      }
    }
    return pairs;
  }

  private static void write(Path dir, String relative, String html, Language lang)
      throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, relativeLinks(relative, html, lang), StandardCharsets.UTF_8);
  }

  /** Server paths to file paths relative to the page at {@code from}; the form needs a server. */
  static String relativeLinks(String from, String html, Language lang) {
    String up = "../".repeat((int) from.chars().filter(c -> c == '/').count());
    String noForm =
        FORM.matcher(html)
            .replaceAll(
                Matcher.quoteReplacement(
                    "<a href=\"/compare?lang="
                        + lang.tag()
                        + "\">"
                        + HtmlWriter.escape(Catalog.standard().label(lang, "index.comparisons"))
                        + "</a>"));
    Matcher m = HREF.matcher(noForm);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Matcher link = LINK.matcher(m.group(1));
      String target = m.group(1);
      if (link.matches()) {
        String l = link.group(4) == null ? lang.tag() : link.group(4);
        String file =
            link.group(1).equals("codes")
                ? (link.group(2) == null ? "codes/index.html" : "codes/" + link.group(2) + ".html")
                : (link.group(2) == null
                    ? "compare/index.html"
                    : "compare/" + link.group(2) + "/" + link.group(3) + ".html");
        target = up + l + "/" + file;
      }
      m.appendReplacement(out, Matcher.quoteReplacement("href=\"" + target + "\""));
    }
    m.appendTail(out);
    return out.toString();
  }
}
