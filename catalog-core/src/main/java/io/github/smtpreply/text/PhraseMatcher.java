package io.github.smtpreply.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds many phrases in one pass over a text (Aho–Corasick over a dense transition table).
 * Immutable and thread-safe once built; {@link #scan} does not allocate. Two modes:
 *
 * <ul>
 *   <li>{@link #of}: exact text, ASCII case ignored, any run of whitespace read as one space.
 *   <li>{@link #ofWords}: a phrase is a sequence of words, in any script. The text and the phrases
 *       are read as words (runs of letters and digits, lower-cased; fullwidth Latin as ASCII) with
 *       everything else a separator, so case, punctuation, quoting and line folding do not matter.
 *       A word-final {@code s} (not {@code ss}) is dropped on both sides, and {@code -sses} reads
 *       as {@code -ss}, so plurals match their singulars. A phrase starts at a word start (Han,
 *       kana and Thai, written without spaces, match anywhere) and its last word may continue
 *       ({@code "reject"} finds {@code "rejected"}). An address, a host or an IP address ({@code
 *       <bob@example.com>}, {@code [192.0.2.1]}, {@code mx1.example.net}: a run of letters, digits
 *       and {@code .-_+@%} that holds an {@code @}, or a digit and a dot) is read as a separator,
 *       so {@code "mailbox unavailable"} finds {@code "Mailbox <bob@example.com> unavailable"}.
 *       Negative contexts hide a phrase where it occurs inside them: with the negative context
 *       {@code "virus free"}, {@code "virus"} is not found in "scanned, virus free" but is in
 *       "virus found; scanned, virus free".
 * </ul>
 *
 * <p>Word mode reads a text in ASCII (most replies) with {@link AsciiWordMatcher}, word by word
 * over tables of a few kilobytes; the automaton, whose table takes a megabyte for the rule book,
 * reads any other text. Both find the same (AsciiWordMatcherTest).
 */
public final class PhraseMatcher {
  private static final int OTHER = 0;
  private static final int SPACE = 1;
  private static final int HAS_OUTPUT = 1 << 30;
  private static final int OFFSET_MASK = HAS_OUTPUT - 1;

  private final String[] phrases;
  private final boolean words;
  private final char[] classOf;
  private final int alphabet;

  /** How found patterns are recorded: phrase bits, negative-context counters. */
  private final PatternHits patternHits;

  /** Word mode's fast path for ASCII texts, or null when this matcher cannot take it. */
  private final AsciiWordMatcher asciiWords;

  private static final int COMPACT_OUTPUT = 0x8000;

  /**
   * The character automaton's tables.
   *
   * @param delta transitions at [state * alphabet + class]; each entry holds the target state's row
   *     offset (target * alphabet), so the scan loop needs no multiplication, flagged when the
   *     target completes a phrase
   * @param compact word mode's transition table: target state, {@link #COMPACT_OUTPUT} when it
   *     completes one
   * @param outputs the phrase ids each state completes, or null
   */
  private record Tables(int[] delta, char[] compact, int[][] outputs) {}

  private final String[] patterns;

  /**
   * Built on first use, not with the matcher: in word mode the ASCII fast path reads most texts
   * without them, and building them is most of a rule book's start-up cost.
   */
  private volatile Tables tables;

  private PhraseMatcher(List<String> phraseList, List<String> negatives, boolean words) {
    this.words = words;
    List<String> all = new ArrayList<>(phraseList);
    all.addAll(negatives);
    this.phrases = phraseList.toArray(String[]::new);
    String[] patterns = all.toArray(String[]::new);
    this.patternHits = new PatternHits(phraseList, negatives);
    // Character classes: OTHER, SPACE, then each distinct character the phrases use.
    this.classOf = new char[words ? 0x10000 : 128];
    int next = 2;
    for (int c = 0; c < classOf.length; c++) {
      boolean separator =
          words
              ? !Character.isLetterOrDigit(c) || Character.isSurrogate((char) c)
              : Character.isWhitespace(c);
      classOf[c] = (char) (separator ? SPACE : OTHER);
    }
    for (String phrase : patterns) {
      for (int i = 0; i < phrase.length(); i++) {
        char c = phrase.charAt(i);
        if (!words && c >= 128) {
          throw new IllegalArgumentException("phrase must be ASCII: " + phrase);
        }
        if (classOf[c] == OTHER && c != ' ') {
          if (next > Character.MAX_VALUE) {
            throw new IllegalArgumentException("too many distinct characters in phrases");
          }
          char cls = (char) next++;
          classOf[c] = cls;
          if (c >= 'a' && c <= 'z') {
            classOf[c - 'a' + 'A'] = cls;
            if (words) {
              classOf[c - 'a' + 'A' + 0xFEE0] = cls; // fullwidth Ａ-Ｚ
              classOf[c + 0xFEE0] = cls; // fullwidth ａ-ｚ
            }
          } else if (words && c >= '0' && c <= '9') {
            classOf[c + 0xFEE0] = cls; // fullwidth ０-９
          } else if (words) {
            for (char u : new char[] {Character.toUpperCase(c), Character.toTitleCase(c)}) {
              if (u != c && classOf[u] == OTHER) {
                classOf[u] = cls;
              }
            }
          }
        }
      }
    }
    this.alphabet = next;
    this.patterns = patterns;
    this.asciiWords =
        words && asciiReadsAsLowerCase(patterns) ? new AsciiWordMatcher(all, patternHits) : null;
  }

  /** The automaton's tables, built once, on first use. */
  private Tables tables() {
    Tables t = tables;
    if (t == null) {
      synchronized (this) {
        t = tables;
        if (t == null) {
          t = buildTables();
          tables = t;
        }
      }
    }
    return t;
  }

  private Tables buildTables() {
    // Trie.
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(newRow());
    out.add(new ArrayList<>());
    for (int id = 0; id < patterns.length; id++) {
      int state = 0;
      String phrase = patterns[id];
      for (int i = 0; i < phrase.length(); i++) {
        int cls = classOf[phrase.charAt(i)];
        int to = gotoRows.get(state)[cls];
        if (to < 0) {
          to = gotoRows.size();
          gotoRows.get(state)[cls] = to;
          gotoRows.add(newRow());
          out.add(new ArrayList<>());
        }
        state = to;
      }
      out.get(state).add(id);
    }
    renumberBreadthFirst(gotoRows, out);
    // Failure links, breadth first, folded into a complete transition table.
    int states = gotoRows.size();
    int[] fail = new int[states];
    if ((long) states * alphabet > OFFSET_MASK) {
      throw new IllegalArgumentException("too many phrase states: " + states);
    }
    int[] delta = new int[states * alphabet];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int cls = 0; cls < alphabet; cls++) {
      int to = gotoRows.get(0)[cls];
      delta[cls] = Math.max(to, 0);
      if (to > 0) {
        fail[to] = 0;
        queue.add(to);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      out.get(state).addAll(out.get(fail[state]));
      for (int cls = 0; cls < alphabet; cls++) {
        int to = gotoRows.get(state)[cls];
        if (to > 0) {
          fail[to] = delta[fail[state] * alphabet + cls];
          delta[state * alphabet + cls] = to;
          queue.add(to);
        } else {
          delta[state * alphabet + cls] = delta[fail[state] * alphabet + cls];
        }
      }
    }
    int[][] outputs = new int[states][];
    for (int s = 0; s < states; s++) {
      List<Integer> ids = out.get(s);
      outputs[s] = ids.isEmpty() ? null : toArray(ids);
    }
    // Row offsets instead of state numbers; flag transitions into states that complete a phrase,
    // so scan() reads outputs[] only then.
    // Word mode: a half-size table of state numbers (bit 15: the target completes a phrase), so
    // that more of it stays in the CPU caches.
    char[] compact = null;
    if (words) {
      if (states >= COMPACT_OUTPUT) {
        throw new IllegalArgumentException("too many phrase states for word mode: " + states);
      }
      compact = new char[delta.length];
      for (int i = 0; i < delta.length; i++) {
        int target = delta[i];
        compact[i] = (char) (target | (outputs[target] != null ? COMPACT_OUTPUT : 0));
      }
    }
    for (int i = 0; i < delta.length; i++) {
      int target = delta[i];
      delta[i] = target * alphabet | (outputs[target] != null ? HAS_OUTPUT : 0);
    }
    return new Tables(delta, compact, outputs);
  }

  /**
   * Renumbers trie states in breadth-first order: the shallow states, where a scan spends most of
   * its time, then sit together at the start of the transition table.
   */
  private static void renumberBreadthFirst(List<int[]> rows, List<List<Integer>> out) {
    int n = rows.size();
    int[] rank = new int[n];
    int[] order = new int[n];
    int head = 0;
    int tail = 1;
    while (head < tail) {
      int state = order[head];
      rank[state] = head++;
      for (int to : rows.get(state)) {
        if (to > 0) {
          order[tail++] = to;
        }
      }
    }
    List<int[]> newRows = new ArrayList<>(n);
    List<List<Integer>> newOut = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int[] row = rows.get(order[i]).clone();
      for (int c = 0; c < row.length; c++) {
        if (row[c] > 0) {
          row[c] = rank[row[c]];
        }
      }
      newRows.add(row);
      newOut.add(out.get(order[i]));
    }
    rows.clear();
    rows.addAll(newRows);
    out.clear();
    out.addAll(newOut);
  }

  private int[] newRow() {
    int[] row = new int[alphabet];
    Arrays.fill(row, -1);
    return row;
  }

  /**
   * Builds a matcher. Phrases are lower-cased and their whitespace collapsed to single spaces; the
   * phrase id is its index in the list.
   */
  public static PhraseMatcher of(List<String> phrases) {
    List<String> normal = new ArrayList<>(phrases.size());
    for (String phrase : phrases) {
      String p = normalize(phrase);
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty phrase");
      }
      normal.add(p);
    }
    return new PhraseMatcher(normal, List.of(), false);
  }

  /**
   * Builds a word-mode matcher (see the class comment): phrases and negative contexts are
   * normalised by {@link #normalizeWords}; the phrase id is its index in {@code phrases}.
   */
  public static PhraseMatcher ofWords(List<String> phrases, List<String> negativeContexts) {
    List<String> normal = new ArrayList<>(phrases.size());
    for (String phrase : phrases) {
      normal.add(requireWords(phrase));
    }
    List<String> negatives = new ArrayList<>();
    for (String context : negativeContexts) {
      negatives.add(requireWords(context));
    }
    return new PhraseMatcher(normal, negatives, true);
  }

  private static String requireWords(String phrase) {
    String p = normalizeWords(phrase);
    if (p.isBlank()) {
      throw new IllegalArgumentException("phrase without words: '" + phrase + "'");
    }
    return p;
  }

  /**
   * A phrase as word mode reads it: lower-case words (word-final {@code s} dropped, not {@code ss})
   * separated by single spaces, with a leading space (the word-start anchor) unless it starts in a
   * script written without spaces.
   */
  public static String normalizeWords(String phrase) {
    String lower = phrase.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length() + 1);
    boolean pendingSpace = true;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) {
        c = (char) (c - 0xFEE0);
      }
      if (!Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
        pendingSpace = true;
        continue;
      }
      if (c == 's'
          && i > 0
          && isWordChar(lower.charAt(i - 1))
          && lower.charAt(i - 1) != 's'
          && (i + 1 == lower.length() || !isWordChar(lower.charAt(i + 1)))) {
        continue; // plural s
      }
      if (c == 'e'
          && i > 0
          && lower.charAt(i - 1) == 's'
          && i + 1 < lower.length()
          && lower.charAt(i + 1) == 's'
          && (i + 2 == lower.length() || !isWordChar(lower.charAt(i + 2)))) {
        i++;
        continue; // "-sses" reads as "-ss"
      }
      if (pendingSpace && (b.length() > 0 || !unspaced(c))) {
        b.append(' ');
      }
      pendingSpace = false;
      b.append(c);
    }
    return b.toString();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) && !Character.isSurrogate(c);
  }

  /** Scripts written without spaces between words: a phrase in them matches anywhere. */
  private static boolean unspaced(char c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.THAI;
  }

  /**
   * Lower case (ASCII) and single spaces, trimmed: {@code phrase.strip().replaceAll("\\s+", " ")
   * .toLowerCase(Locale.ROOT)}, without a regex (rule books are read at start-up).
   */
  public static String normalize(String phrase) {
    String s = phrase.strip();
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        space = true;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static int[] toArray(List<Integer> ids) {
    int[] a = new int[ids.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ids.get(i);
    }
    return a;
  }

  /** Size of the transition table, for diagnostics: states and character classes. */
  public String shape() {
    return (tables().delta().length / alphabet) + " states x " + alphabet + " classes";
  }

  public int size() {
    return phrases.length;
  }

  public String phrase(int id) {
    return phrases[id];
  }

  /**
   * Longs needed for {@code hits}: a bit set over all phrase ids, then (word mode with negative
   * contexts) one counter per phrase that a negative context can hide.
   */
  public int words() {
    return patternHits.words();
  }

  /**
   * Sets bit {@code id} in {@code hits} for every phrase found in {@code text[from, to)}. {@code
   * hits} must have at least {@link #words()} elements; bits already set stay set.
   */
  public void scan(CharSequence text, int from, int to, long[] hits) {
    if (words) {
      scanWords(text, from, to, hits);
      return;
    }
    Tables t = tables();
    int[] delta = t.delta();
    int[][] outputs = t.outputs();
    int offset = 0;
    boolean lastWasSpace = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int cls = c < 128 ? classOf[c] : OTHER;
      if (cls == SPACE) {
        if (lastWasSpace) {
          continue;
        }
        lastWasSpace = true;
      } else {
        lastWasSpace = false;
      }
      int next = delta[offset + cls];
      offset = next & OFFSET_MASK;
      if (next >= HAS_OUTPUT) {
        for (int id : outputs[offset / alphabet]) {
          hits[id >>> 6] |= 1L << id;
        }
      }
    }
  }

  private void scanWords(CharSequence text, int from, int to, long[] hits) {
    if (asciiWords == null || !asciiWords.scan(text, from, to, hits)) {
      scanWordsByCharacter(text, from, to, hits);
    }
  }

  /**
   * True if every ASCII letter or digit falls in the class of its lower case, or in none when the
   * patterns lack it: then an ASCII text reads as its lower-case words, which the fast path needs.
   * (A pattern character whose upper case is ASCII, such as dotless i, could break this.)
   */
  private boolean asciiReadsAsLowerCase(String[] patterns) {
    boolean[] used = new boolean[128];
    for (String pattern : patterns) {
      pattern.chars().filter(c -> c < 128).forEach(c -> used[c] = true);
    }
    for (char c = 0; c < 128; c++) {
      if (Character.isLetterOrDigit(c)) {
        char lower = Character.toLowerCase(c);
        if (classOf[c] != (used[lower] ? classOf[lower] : OTHER)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Word mode's general scan: the character automaton, for any text. */
  void scanWordsByCharacter(CharSequence text, int from, int to, long[] hits) {
    final Tables t = tables();
    final char[] classes = classOf;
    final char[] table = t.compact();
    final int[][] outputs = t.outputs();
    final int width = alphabet;
    int state = table[SPACE] & ~COMPACT_OUTPUT; // the text starts at a word start
    boolean lastWasSpace = true;
    char prev = ' ';
    // The token of address characters being read, decided lazily: it is skipped (read as a
    // separator) once it shows an '@', or a digit and a dot; phrases it completes meanwhile wait.
    boolean inToken = false;
    boolean verified = false;
    int tokenAt = 0;
    int tokenState = 0;
    boolean tokenLastWasSpace = true;
    boolean digit = false;
    boolean dot = false;
    int pending0 = -1;
    int pending1 = -1;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int cls;
      if (c < 128 && ADDRESS[c]) {
        if (!inToken) {
          inToken = true;
          verified = false;
          tokenAt = i;
          tokenState = state;
          tokenLastWasSpace = lastWasSpace;
          digit = false;
          dot = false;
          pending0 = -1;
          pending1 = -1;
        }
        if (!verified) {
          boolean skip;
          if (c == '@') {
            skip = true;
          } else if (c == '.') {
            skip = digit;
            dot = true;
          } else if (c >= '0' && c <= '9') {
            skip = dot;
            digit = true;
          } else {
            skip = false;
          }
          if (skip) {
            while (i + 1 < to && text.charAt(i + 1) < 128 && ADDRESS[text.charAt(i + 1)]) {
              i++;
            }
            inToken = false;
            state = tokenState;
            lastWasSpace = tokenLastWasSpace;
            c = ' ';
          }
        }
        cls = classes[c];
      } else {
        if (inToken) {
          inToken = false;
          if (pending0 >= 0) {
            outputState(outputs, pending0, hits);
          }
          if (pending1 >= 0) {
            outputState(outputs, pending1, hits);
          }
        }
        cls = classes[c];
      }
      if (cls == SPACE) {
        prev = ' ';
        if (lastWasSpace) {
          continue;
        }
        lastWasSpace = true;
      } else {
        if ((c == 's' || c == 'S')
            && prev != 's'
            && prev != ' '
            && (i + 1 == to || classes[text.charAt(i + 1)] == SPACE)) {
          prev = 's';
          continue; // a plural s
        }
        if ((c == 'e' || c == 'E')
            && prev == 's'
            && i + 1 < to
            && (text.charAt(i + 1) | 0x20) == 's'
            && (i + 2 == to || classes[text.charAt(i + 2)] == SPACE)) {
          i++;
          continue; // "-sses": "addresses" reads as "address"
        }
        prev = (c == 'S') ? 's' : c;
        lastWasSpace = false;
      }
      int next = table[state * width + cls];
      state = next & ~COMPACT_OUTPUT;
      if (next >= COMPACT_OUTPUT) {
        if (!inToken || verified) {
          outputState(outputs, state, hits);
        } else if (pending0 < 0) {
          pending0 = state;
        } else if (pending1 < 0) {
          pending1 = state;
        } else {
          // Too many to hold: decide the token now by reading ahead.
          int end = skippableTokenEnd(text, tokenAt, to);
          if (end > tokenAt) {
            i = end - 1;
            inToken = false;
            state = tokenState;
            lastWasSpace = tokenLastWasSpace;
            prev = ' ';
            if (!lastWasSpace) {
              lastWasSpace = true;
              int n = table[state * width + SPACE];
              state = n & ~COMPACT_OUTPUT;
              if (n >= COMPACT_OUTPUT) {
                outputState(outputs, state, hits);
              }
            }
          } else {
            verified = true;
            outputState(outputs, pending0, hits);
            outputState(outputs, pending1, hits);
            outputState(outputs, state, hits);
            pending0 = -1;
            pending1 = -1;
          }
        }
      }
    }
    if (inToken) {
      if (pending0 >= 0) {
        outputState(outputs, pending0, hits);
      }
      if (pending1 >= 0) {
        outputState(outputs, pending1, hits);
      }
    }
    patternHits.settle(hits);
  }

  /** Characters of addresses, host names and IP addresses. */
  private static final boolean[] ADDRESS = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ADDRESS[c] = Character.isLetterOrDigit(c) || ".-_+@%".indexOf(c) >= 0;
    }
  }

  /**
   * The end of the run of address characters at {@code i} if it is an address, a host or an IP
   * address (holds an {@code @}, or a digit and a dot: {@code bob@example.com}, {@code 192.0.2.1},
   * {@code mx1.example.net}, {@code 4.16.55.1}), else {@code i}.
   */
  private static int skippableTokenEnd(CharSequence text, int i, int to) {
    boolean at = false;
    boolean digit = false;
    boolean dot = false;
    int j = i;
    for (; j < to; j++) {
      char c = text.charAt(j);
      if (c >= 128 || !ADDRESS[c]) {
        break;
      }
      if (c == '@') {
        at = true;
      } else if (c == '.') {
        dot = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      }
    }
    return at || (digit && dot) ? j : i;
  }

  private void outputState(int[][] outputs, int state, long[] hits) {
    for (int id : outputs[state]) {
      patternHits.found(id, hits);
    }
  }

  /** True if bit {@code id} is set. */
  public static boolean has(long[] hits, int id) {
    return (hits[id >>> 6] & (1L << id)) != 0;
  }
}
