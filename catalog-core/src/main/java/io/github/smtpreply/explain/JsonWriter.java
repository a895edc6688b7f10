package io.github.smtpreply.explain;

import io.github.smtpreply.explain.Document.Link;
import io.github.smtpreply.explain.Document.Section;
import java.util.List;

/** JSON, with every string escaped per RFC 8259. */
public final class JsonWriter {
  private JsonWriter() {}

  static String write(Document doc) {
    StringBuilder out = new StringBuilder("{");
    field(out, "title", doc.title()).append(',');
    field(out, "language", doc.language()).append(',');
    array(out, "codes", doc.codes()).append(',');
    array(out, "summary", doc.summary()).append(",\"sections\":[");
    for (int i = 0; i < doc.sections().size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      section(out, doc.sections().get(i));
    }
    return out.append("]}\n").toString();
  }

  private static void section(StringBuilder out, Section s) {
    out.append('{');
    field(out, "heading", s.heading()).append(',');
    array(out, "paragraphs", s.paragraphs()).append(',');
    array(out, "items", s.items()).append(",\"links\":[");
    for (int i = 0; i < s.links().size(); i++) {
      Link link = s.links().get(i);
      out.append(i > 0 ? ",{" : "{");
      field(out, "text", link.text()).append(',');
      field(out, "href", link.href()).append('}');
    }
    out.append("],\"subsections\":[");
    for (int i = 0; i < s.subsections().size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      section(out, s.subsections().get(i));
    }
    out.append("]}");
  }

  private static StringBuilder field(StringBuilder out, String name, String value) {
    return string(out, name).append(':').append(quoted(value));
  }

  private static StringBuilder array(StringBuilder out, String name, List<String> values) {
    string(out, name).append(":[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quoted(values.get(i)));
    }
    return out.append(']');
  }

  private static StringBuilder string(StringBuilder out, String s) {
    return out.append(quoted(s));
  }

  /** A JSON string literal; {@code <} is escaped too, so the JSON is safe inside HTML. */
  public static String quoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
