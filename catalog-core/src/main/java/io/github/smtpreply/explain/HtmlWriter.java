package io.github.smtpreply.explain;

import io.github.smtpreply.explain.Document.Link;
import io.github.smtpreply.explain.Document.Section;
import java.util.HashSet;
import java.util.Set;

/**
 * A standalone HTML page: inline style, no scripts, no external fetches; every text and attribute
 * value escaped. A server may put its own navigation (already escaped HTML) above the content.
 */
public final class HtmlWriter {
  private static final String STYLE =
      "body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330}"
          + "h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #dde}"
          + "a{color:#1a5fb4}.summary{font-size:1.05rem}"
          + ".c2{color:#1e7d32}.c3{color:#1a5fb4}.c4{color:#b26a00}.c5{color:#b3261e}"
          + "nav{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem;border-bottom:1px solid #dde;padding-bottom:.5rem}"
          + "nav form{margin-left:auto}nav input{width:5rem}.langs{display:flex;gap:1rem}"
          + ".codes li{margin:.2rem 0}.tag{font-size:.8rem;padding:0 .4rem;border-radius:.3rem;background:#eef}"
          + "blockquote{margin:.3rem 0 .4rem;padding:.4rem .7rem;border-left:4px solid #99a;background:#f4f5f8;"
          + "font-family:ui-monospace,monospace;font-size:.88rem;overflow-wrap:anywhere}"
          + "ol li{margin-bottom:.6rem}h1,h2,h3{overflow-wrap:anywhere}";

  private HtmlWriter() {}

  static String write(Document doc) {
    return write(doc, "", "");
  }

  /**
   * The page with {@code header} (trusted HTML, e.g. a language switch built with {@link #escape})
   * before the title and {@code badge} (a CSS class such as {@code c5}) on the title.
   */
  public static String write(Document doc, String header, String badge) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"")
        .append(escape(doc.language()))
        .append("\">\n<head>\n")
        .append(
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(doc.title()))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    out.append(header);
    out.append("<h1")
        .append(badge.isEmpty() ? "" : " class=\"" + escape(badge) + "\"")
        .append(">")
        .append(escape(doc.title()))
        .append("</h1>\n");
    for (String p : doc.summary()) {
      out.append("<p class=\"summary\">").append(escape(p)).append("</p>\n");
    }
    Set<String> ids = new HashSet<>();
    for (Section s : doc.sections()) {
      section(s, 2, "", ids, out);
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static void section(
      Section s, int level, String parentId, Set<String> ids, StringBuilder out) {
    String id =
        uniqueId(parentId.isEmpty() ? slug(s.heading()) : parentId + "-" + slug(s.heading()), ids);
    out.append("<section>\n<h")
        .append(level)
        .append(" id=\"")
        .append(escape(id))
        .append("\">")
        .append(escape(s.heading()))
        .append("</h")
        .append(level)
        .append(">\n");
    for (String p : s.paragraphs()) {
      out.append("<p>").append(escape(p)).append("</p>\n");
    }
    if (!s.items().isEmpty()) {
      out.append("<ol>\n");
      for (String item : s.items()) {
        int nl = item.indexOf('\n');
        if (nl < 0) {
          out.append("<li>").append(escape(item)).append("</li>\n");
        } else {
          // A quoted reply on the first line, its explanation after it.
          out.append("<li><blockquote>")
              .append(escape(item.substring(0, nl)))
              .append("</blockquote>")
              .append(escape(item.substring(nl + 1)))
              .append("</li>\n");
        }
      }
      out.append("</ol>\n");
    }
    if (!s.links().isEmpty()) {
      out.append("<ul>\n");
      for (Link link : s.links()) {
        out.append("<li><a href=\"")
            .append(escape(link.href()))
            .append("\">")
            .append(escape(link.text()))
            .append("</a></li>\n");
      }
      out.append("</ul>\n");
    }
    for (Section sub : s.subsections()) {
      section(sub, level + 1, id, ids, out);
    }
    out.append("</section>\n");
  }

  /**
   * A readable anchor from a heading in any script: letters and digits of every script are kept
   * (lower-cased), so {@code Mô tả} gives {@code mô-tả} and {@code 説明} gives {@code 説明}; dots
   * inside codes are kept ({@code 5.7.606-649}); every other run becomes one hyphen.
   */
  static String slug(String heading) {
    String s =
        java.text.Normalizer.normalize(heading, java.text.Normalizer.Form.NFC)
            .toLowerCase(java.util.Locale.ROOT);
    s = DOT_IN_NUMBER.matcher(s).replaceAll("\u0000");
    s = NOT_A_WORD.matcher(s).replaceAll("-").replace('\u0000', '.');
    s = EDGE_HYPHENS.matcher(s).replaceAll("");
    return s.isEmpty() ? "section" : s;
  }

  // Compiled once: every heading of every page served goes through slug().
  private static final java.util.regex.Pattern DOT_IN_NUMBER =
      java.util.regex.Pattern.compile("(?<=\\p{Nd})\\.(?=\\p{Nd})");
  private static final java.util.regex.Pattern NOT_A_WORD =
      java.util.regex.Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}\u0000]+");
  private static final java.util.regex.Pattern EDGE_HYPHENS =
      java.util.regex.Pattern.compile("^-+|-+$");

  private static String uniqueId(String id, Set<String> ids) {
    String unique = id;
    for (int n = 2; !ids.add(unique); n++) {
      unique = id + "-" + n;
    }
    return unique;
  }

  /** Escapes text for both element content and double-quoted attribute values. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
