package io.github.smtpreply.metrics;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caller-chosen label values (source, route) as small indexes, at most {@code max} distinct values;
 * index 0 is {@code none}, 1 is {@code other}. A value is lower-cased with {@code -} and {@code :}
 * turned into {@code _} ({@code Invoice-Route} becomes {@code invoice_route}); free text, a value
 * beyond the first {@code max}, or a spelling beyond the first {@code 4 × max} becomes {@code
 * other}.
 */
final class BoundedLabels {
  static final int NONE = 0;
  static final int OTHER = 1;

  private final int max;
  // Spellings as callers pass them: the hot path looks the caller's string up without copying it.
  private final ConcurrentHashMap<String, Integer> bySpelling = new ConcurrentHashMap<>();
  private final String[] labels;
  private int next = 2; // guarded by this

  BoundedLabels(int max) {
    this.max = max;
    this.labels = new String[max + 2];
    labels[NONE] = SmtpReplyMeters.NONE;
    labels[OTHER] = SmtpReplyMeters.OTHER;
  }

  int index(String value) {
    if (value == null || value.isEmpty()) {
      return NONE;
    }
    Integer i = bySpelling.get(value);
    if (i != null) {
      return i;
    }
    return isIdentifier(value) && bySpelling.size() < 4 * max ? add(value) : OTHER;
  }

  private synchronized int add(String spelling) {
    Integer known = bySpelling.get(spelling);
    if (known != null) {
      return known;
    }
    String label = normalize(spelling);
    int index = -1;
    for (int i = 0; i < next && index < 0; i++) {
      if (labels[i].equals(label)) {
        index = i;
      }
    }
    if (index < 0) {
      index = next < labels.length ? next++ : OTHER;
      if (index != OTHER) {
        labels[index] = label;
      }
    }
    if (bySpelling.size() < 4 * max) {
      bySpelling.put(spelling, index);
    }
    return index;
  }

  String label(int index) {
    return labels[index];
  }

  /** Most distinct values, besides {@code none} and {@code other}. */
  int max() {
    return max;
  }

  /** Lower snake_case: the label value of an identifier. */
  static String normalize(String identifier) {
    return identifier.toLowerCase(Locale.ROOT).replace('-', '_').replace(':', '_');
  }

  /** 1–64 characters of {@code [A-Za-z0-9_.:-]}; checked without a regex (hot path). */
  static boolean isIdentifier(String value) {
    if (value.isEmpty() || value.length() > 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
