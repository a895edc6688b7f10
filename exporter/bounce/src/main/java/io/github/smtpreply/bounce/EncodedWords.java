package io.github.smtpreply.bounce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A header field value as text: raw UTF-8 (RFC 6532) read as UTF-8, RFC 2047 encoded-words decoded.
 * Adjacent encoded-words of one charset are decoded together, as mailers split a text anywhere,
 * even inside a character or an ISO-2022-JP escape run; the whitespace between adjacent
 * encoded-words is dropped (RFC 2047 §6.2). Charsets are those of {@link Charsets}.
 */
final class EncodedWords {
  /** {@code =?charset?B|Q?text?=}; the charset may carry an RFC 2231 language ({@code *ja}). */
  private static final Pattern WORD =
      Pattern.compile("=\\?([^?*\\s]+)(?:\\*[^?\\s]*)?\\?([BbQq])\\?([^?\\s]*)\\?=");

  private EncodedWords() {}

  /** The decoded value; its problem names encoded-words that could not be read as declared. */
  static Charsets.Decoded decode(String value) {
    String text = rawUtf8(value);
    if (!text.contains("=?")) {
      return new Charsets.Decoded(text, null);
    }
    Run run = new Run();
    Matcher m = WORD.matcher(text);
    int last = 0;
    while (m.find()) {
      String between = text.substring(last, m.start());
      byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : q(m.group(3));
      if (bytes == null) {
        run.flush();
        run.out.append(between).append(m.group());
        run.problems.add("an encoded-word that does not decode was kept as written");
      } else {
        if (run.isEmpty() || !between.isBlank()) {
          run.flush();
          run.out.append(between);
        }
        run.add(m.group(1), bytes);
      }
      last = m.end();
    }
    run.flush();
    run.out.append(text, last, text.length());
    return new Charsets.Decoded(
        run.out.toString(), run.problems.isEmpty() ? null : String.join("; ", run.problems));
  }

  /** Consecutive encoded-words of one charset, waiting to be decoded together. */
  private static final class Run {
    final StringBuilder out = new StringBuilder();
    final List<String> problems = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private String charset;

    boolean isEmpty() {
      return charset == null;
    }

    void add(String wordCharset, byte[] wordBytes) {
      if (charset != null && !charset.equalsIgnoreCase(wordCharset)) {
        flush();
      }
      charset = wordCharset;
      bytes.writeBytes(wordBytes);
    }

    void flush() {
      if (charset == null) {
        return;
      }
      Charsets.Decoded decoded = Charsets.decode(bytes.toByteArray(), charset);
      out.append(decoded.text());
      if (decoded.problem() != null && !problems.contains(decoded.problem())) {
        problems.add(decoded.problem());
      }
      bytes.reset();
      charset = null;
    }
  }

  /**
   * The value with raw 8-bit bytes read as UTF-8 when they are: Jakarta Mail hands them over one
   * byte a character (Latin-1).
   */
  private static String rawUtf8(String value) {
    boolean eightBit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xff) {
        return value;
      }
      eightBit |= c > 0x7f;
    }
    if (!eightBit) {
      return value;
    }
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    Charsets.Decoded utf8 = Charsets.decode(bytes, null);
    return utf8.text();
  }

  /** The bytes, or {@code null} when the text is not base64; missing padding is tolerated. */
  private static byte[] base64(String text) {
    int missing = (4 - text.length() % 4) % 4;
    try {
      return missing == 3 ? null : Base64.getDecoder().decode(text + "=".repeat(missing));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** RFC 2047 §4.2: "_" is a space, "=XX" a byte in hex, anything else itself. */
  private static byte[] q(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int hex = c == '=' ? hexByte(text, i + 1) : -1;
      if (hex >= 0) {
        out.write(hex);
        i += 2;
      } else {
        out.write(c == '_' ? ' ' : c);
      }
    }
    return out.toByteArray();
  }

  /** The byte written as two hex digits at {@code at}, or -1. */
  private static int hexByte(String text, int at) {
    if (at + 1 >= text.length()) {
      return -1;
    }
    int hi = Character.digit(text.charAt(at), 16);
    int lo = Character.digit(text.charAt(at + 1), 16);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }
}
