package io.github.smtpreply.bounce;

import java.util.Locale;

/** Reduces an HTML bounce body to its text: tags dropped, block ends as line breaks. */
final class Html {
  private Html() {}

  static String toText(String html) {
    StringBuilder out = new StringBuilder(html.length());
    int i = 0;
    int n = html.length();
    String lower = null; // lower-cased once, when a style or script element needs its end found
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break;
        }
        String tag = html.substring(i + 1, Math.min(end, i + 8)).toLowerCase(Locale.ROOT);
        if (tag.startsWith("br")
            || tag.startsWith("/p")
            || tag.startsWith("/div")
            || tag.startsWith("/tr")
            || tag.startsWith("p ")
            || tag.equals("p")
            || tag.startsWith("/h")
            || tag.startsWith("li")) {
          out.append('\n');
        } else if (tag.startsWith("/td")) {
          out.append(' ');
        } else if (tag.startsWith("style") || tag.startsWith("script")) {
          if (lower == null) {
            lower = html.toLowerCase(Locale.ROOT);
          }
          int close = lower.indexOf("</" + tag.substring(0, tag.startsWith("style") ? 5 : 6), end);
          end = close < 0 ? n - 1 : html.indexOf('>', close);
          if (end < 0) {
            break;
          }
        }
        i = end + 1;
      } else if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi - i <= 8) {
          out.append(entity(html.substring(i + 1, semi)));
          i = semi + 1;
        } else {
          out.append(c);
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String entity(String name) {
    return switch (name) {
      case "lt" -> "<";
      case "gt" -> ">";
      case "amp" -> "&";
      case "quot" -> "\"";
      case "apos", "#39" -> "'";
      case "nbsp", "#160" -> " ";
      default -> {
        if (name.startsWith("#")) {
          try {
            int cp =
                name.startsWith("#x") || name.startsWith("#X")
                    ? Integer.parseInt(name.substring(2), 16)
                    : Integer.parseInt(name.substring(1));
            yield Character.isValidCodePoint(cp) ? Character.toString(cp) : " ";
          } catch (NumberFormatException e) {
            yield "&" + name + ";";
          }
        }
        yield "&" + name + ";";
      }
    };
  }
}
