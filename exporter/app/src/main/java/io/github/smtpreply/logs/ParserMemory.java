package io.github.smtpreply.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the log parsers remember between lines, bounded twice: by the number of entries, and by the
 * length of a text. A log line may be up to a mebibyte long ({@code LineInput.MAX_LINE}), so a
 * cache of a few thousand texts could otherwise hold gigabytes; real replies are a few hundred
 * characters, and a longer one is read again each time it comes.
 */
final class ParserMemory {
  /** Texts longer than this (characters, or bytes of a key) are never kept. */
  static final int MAX_TEXT = 4096;

  private ParserMemory() {}

  /** True if {@code text} is short enough to keep. */
  static boolean keeps(CharSequence text) {
    return text.length() <= MAX_TEXT;
  }

  /** A map that keeps its {@code max} most recently used entries. Not thread-safe. */
  static <K, V> Map<K, V> recentlyUsed(int max) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }
}
