package io.github.smtpreply.bounce;

import io.github.smtpreply.text.DataFiles;
import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text from the bytes of a body part or an encoded-word in the charset it declares. The label is
 * resolved through {@code charsets.tsv} (labels read with their vendors' supersets), Java's aliases
 * and Jakarta Mail's table. A label that is unknown, or that the bytes contradict, is read as well
 * as the bytes allow, and the decoded text says so in {@link Decoded#problem}.
 */
final class Charsets {
  /**
   * Decoded text.
   *
   * @param problem what was wrong with the declared charset, {@code null} when nothing
   */
  record Decoded(String text, String problem) {}

  private static final Map<String, Charset> TABLE = load();

  /** What ISO-2022-JP text is read with, whatever it was labelled. */
  private static final Charset ISO_2022_JP = TABLE.get("iso-2022-jp");

  private static final byte ESC = 0x1b;

  private Charsets() {}

  /**
   * Labels already resolved, {@code Optional.empty()} for one Java lacks: for such a name the JDK
   * asks every charset provider again, building their tables anew, which cost more than the rest of
   * a message's reading. Labels are the senders', so only the first {@link #MAX_LABELS} are kept.
   */
  private static final Map<String, Optional<Charset>> RESOLVED = new ConcurrentHashMap<>();

  private static final int MAX_LABELS = 256;

  /** The charset a label names, or {@code null} when neither the table nor Java knows it. */
  static Charset resolve(String label) {
    String name = label.strip().toLowerCase(Locale.ROOT);
    Charset charset = TABLE.get(name);
    if (charset != null) {
      return charset;
    }
    Optional<Charset> known = RESOLVED.get(name);
    if (known == null) {
      known = Optional.ofNullable(lookUp(name));
      if (RESOLVED.size() < MAX_LABELS) {
        RESOLVED.putIfAbsent(name, known);
      }
    }
    return known.orElse(null);
  }

  private static Charset lookUp(String name) {
    for (String candidate : new String[] {name, MimeUtility.javaCharset(name)}) {
      try {
        if (Charset.isSupported(candidate)) {
          return Charset.forName(candidate);
        }
      } catch (IllegalArgumentException e) {
        // An illegal charset name: try the next, else unknown.
      }
    }
    return null;
  }

  /**
   * Decodes {@code bytes} declared to be in {@code declared} ({@code null} when the part declares
   * no charset: then the bytes are guessed at, which is not a problem).
   */
  static Decoded decode(byte[] bytes, String declared) {
    if (declared == null || declared.isBlank()) {
      return new Decoded(guess(bytes), null);
    }
    String label = declared.strip();
    Charset charset = resolve(label);
    if (charset == null) {
      return new Decoded(
          guess(bytes), "unknown charset \"" + label + "\", read as " + guessedName(bytes));
    }
    // ISO-2022-JP is 7-bit: mailers that do not look label it us-ascii, or the charset of the
    // text it was pasted into. Its escape sequences give it away.
    if (!isIso2022(charset) && hasIso2022Escapes(bytes)) {
      String jis = strict(bytes, ISO_2022_JP);
      if (jis != null) {
        return new Decoded(jis, misread(label, "ISO-2022-JP"));
      }
    }
    String text = strict(bytes, charset);
    boolean nonAscii = hasNonAscii(bytes);
    if (text != null && !(nonAscii && isSingleByte(charset))) {
      return new Decoded(text, null);
    }
    // Valid UTF-8 with multi-byte sequences is almost never text in another charset.
    String utf8 = nonAscii ? strict(bytes, StandardCharsets.UTF_8) : null;
    if (utf8 != null) {
      return new Decoded(utf8, misread(label, "UTF-8"));
    }
    if (text != null) {
      return new Decoded(text, null);
    }
    return new Decoded(
        new String(bytes, charset), "bytes not valid in charset \"" + label + "\" were replaced");
  }

  /**
   * Bytes without a declared charset: UTF-8 when valid, ISO-2022-JP by its escapes, else Latin-1.
   */
  private static String guess(byte[] bytes) {
    return new String(bytes, guessed(bytes));
  }

  private static String guessedName(byte[] bytes) {
    Charset charset = guessed(bytes);
    return charset == ISO_2022_JP ? "ISO-2022-JP" : charset.name();
  }

  private static Charset guessed(byte[] bytes) {
    if (!hasNonAscii(bytes)) {
      return hasIso2022Escapes(bytes) && strict(bytes, ISO_2022_JP) != null
          ? ISO_2022_JP
          : StandardCharsets.UTF_8;
    }
    return strict(bytes, StandardCharsets.UTF_8) != null
        ? StandardCharsets.UTF_8
        : StandardCharsets.ISO_8859_1;
  }

  private static String misread(String label, String actual) {
    return "charset \"" + label + "\" declared, but the text is " + actual;
  }

  /** The text, or {@code null} when the bytes are not valid in {@code charset}. */
  private static String strict(byte[] bytes, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isIso2022(Charset charset) {
    String name = charset.name().toLowerCase(Locale.ROOT);
    return name.contains("2022") || name.startsWith("x-windows-5022");
  }

  /** One byte a character, so any byte sequence decodes and validity says nothing. */
  private static boolean isSingleByte(Charset charset) {
    return charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1.0f;
  }

  /** An ISO-2022 designation of a two-byte set: ESC $ (JIS X 0208, GB 2312, KS C 5601). */
  private static boolean hasIso2022Escapes(byte[] bytes) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == ESC && bytes[i + 1] == '$') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Charset> load() {
    Map<String, Charset> table = new HashMap<>();
    for (String[] row : DataFiles.tsv(Charsets.class, "charsets.tsv", 2)) {
      table.put(row[0].toLowerCase(Locale.ROOT), Charset.forName(row[1]));
    }
    return Map.copyOf(table);
  }
}
