package io.github.smtpreply.bounce;

import io.github.smtpreply.text.DataFiles;
import io.github.smtpreply.text.PhraseMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The phrases of {@code markers.tsv}: bounce formats, original-message starts, delays, prefixes.
 */
final class Markers {
  enum Kind {
    FORMAT,
    ORIGINAL,
    DELAYED,
    RECIPIENT,
    NOT_RECIPIENT,
    BOUNCE_HEADER,
    AUTO_REPLY_HEADER,
    FEEDBACK_HEADER
  }

  static final Markers STANDARD = load();

  final PhraseMatcher matcher;

  /** The phrase ids of each kind, by ordinal, in order: a text scan asks after every line. */
  private final int[][] idsByKind;

  private final String[] names;
  final List<String> recipientPrefixes;

  /** Labels of lines that name an address which is not a failed recipient ("From:", …). */
  final Set<String> notRecipientLabels;

  private Markers(List<String> phrases, List<Kind> kinds, List<String> names) {
    this.matcher = PhraseMatcher.of(phrases);
    this.idsByKind = new int[Kind.values().length][];
    for (Kind kind : Kind.values()) {
      idsByKind[kind.ordinal()] =
          IntStream.range(0, kinds.size()).filter(i -> kinds.get(i) == kind).toArray();
    }
    this.names = names.toArray(String[]::new);
    List<String> prefixes = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < phrases.size(); i++) {
      if (kinds.get(i) == Kind.RECIPIENT) {
        prefixes.add(PhraseMatcher.normalize(phrases.get(i)));
      } else if (kinds.get(i) == Kind.NOT_RECIPIENT) {
        labels.add(PhraseMatcher.normalize(phrases.get(i)));
      }
    }
    this.recipientPrefixes = List.copyOf(prefixes);
    this.notRecipientLabels = Set.copyOf(labels);
  }

  private static Markers load() {
    List<String> phrases = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String[] row : DataFiles.tsv(Markers.class, "markers.tsv", 3)) {
      kinds.add(Kind.valueOf(row[0].toUpperCase(Locale.ROOT).replace('-', '_')));
      names.add(row[1]);
      phrases.add(row[2]);
    }
    return new Markers(phrases, kinds, names);
  }

  /** A fresh bit set for {@link PhraseMatcher#scan}. */
  long[] hits() {
    return new long[matcher.words()];
  }

  /** True if any phrase of {@code kind} is set in {@code hits}. */
  boolean any(long[] hits, Kind kind) {
    return first(hits, kind) >= 0;
  }

  /** The name of the first format phrase set in {@code hits}, or {@code null}. */
  String format(long[] hits) {
    int id = first(hits, Kind.FORMAT);
    return id < 0 ? null : names[id];
  }

  /** The phrases found in header lines ({@code name: value}, each read up to 512 characters). */
  long[] scanHeaders(List<String> headers) {
    long[] hits = hits();
    for (String header : headers) {
      matcher.scan(header, 0, Math.min(header.length(), 512), hits);
    }
    return hits;
  }

  private int first(long[] hits, Kind kind) {
    for (int id : idsByKind[kind.ordinal()]) {
      if (PhraseMatcher.has(hits, id)) {
        return id;
      }
    }
    return -1;
  }
}
