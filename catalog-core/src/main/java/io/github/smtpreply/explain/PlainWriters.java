package io.github.smtpreply.explain;

import io.github.smtpreply.explain.Document.Link;
import io.github.smtpreply.explain.Document.Section;

/** Plain text and Markdown. */
final class PlainWriters {
  private PlainWriters() {}

  static String text(Document doc) {
    StringBuilder out = new StringBuilder();
    out.append(doc.title())
        .append('\n')
        .append("=".repeat(Math.max(3, doc.title().length())))
        .append("\n\n");
    for (String p : doc.summary()) {
      out.append(p).append("\n\n");
    }
    for (Section s : doc.sections()) {
      textSection(s, 0, out);
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static void textSection(Section s, int depth, StringBuilder out) {
    out.append(s.heading())
        .append('\n')
        .append((depth == 0 ? "-" : "~").repeat(Math.max(3, s.heading().length())))
        .append("\n\n");
    for (String p : s.paragraphs()) {
      out.append(p).append("\n\n");
    }
    int n = 1;
    for (String item : s.items()) {
      out.append(n++).append(". ").append(item.replace("\n", "\n   ")).append('\n');
    }
    if (!s.items().isEmpty()) {
      out.append('\n');
    }
    for (Link link : s.links()) {
      out.append("- ").append(link.text()).append(": ").append(link.href()).append('\n');
    }
    if (!s.links().isEmpty()) {
      out.append('\n');
    }
    for (Section sub : s.subsections()) {
      textSection(sub, depth + 1, out);
    }
  }

  static String markdown(Document doc) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(md(doc.title())).append("\n\n");
    for (String p : doc.summary()) {
      out.append(md(p)).append("\n\n");
    }
    for (Section s : doc.sections()) {
      mdSection(s, 2, out);
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static void mdSection(Section s, int level, StringBuilder out) {
    out.append("#".repeat(level)).append(' ').append(md(s.heading())).append("\n\n");
    for (String p : s.paragraphs()) {
      out.append(md(p)).append("\n\n");
    }
    int n = 1;
    for (String item : s.items()) {
      out.append(n++).append(". ").append(md(item).replace("\n", "\n   ")).append('\n');
    }
    if (!s.items().isEmpty()) {
      out.append('\n');
    }
    for (Link link : s.links()) {
      out.append("- [")
          .append(md(link.text()))
          .append("](")
          .append(link.href().replace(")", "%29").replace(" ", "%20"))
          .append(")\n");
    }
    if (!s.links().isEmpty()) {
      out.append('\n');
    }
    for (Section sub : s.subsections()) {
      mdSection(sub, level + 1, out);
    }
  }

  /** Escapes the characters Markdown would read as markup. */
  static String md(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\`*_[]<>#|".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
