package io.github.smtpreply.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds many phrases in one pass over a text (Aho–Corasick over a dense transition table). Matching
 * ignores ASCII case and treats any run of whitespace as one space, so {@code "user unknown"}
 * matches {@code "User Unknown"}. Characters outside ASCII never occur in phrases and break a
 * match. Immutable and thread-safe once built; {@link #scan} does not allocate.
 */
public final class PhraseMatcher {
  private static final int OTHER = 0;
  private static final int SPACE = 1;
  private static final int HAS_OUTPUT = 1 << 30;
  private static final int OFFSET_MASK = HAS_OUTPUT - 1;

  private final String[] phrases;
  private final byte[] classOf = new byte[128];
  private final int alphabet;

  /**
   * Transitions at [state * alphabet + class]; each entry holds the target state's row offset
   * (target * alphabet), so the scan loop needs no multiplication, flagged when the target
   * completes a phrase.
   */
  private final int[] delta;

  private final int[][] outputs;

  private PhraseMatcher(List<String> phraseList) {
    this.phrases = phraseList.toArray(String[]::new);
    // Character classes: OTHER, SPACE, then each distinct character the phrases use.
    int next = 2;
    for (int c = 0; c < 128; c++) {
      classOf[c] = (byte) (Character.isWhitespace(c) ? SPACE : OTHER);
    }
    for (String phrase : phrases) {
      for (int i = 0; i < phrase.length(); i++) {
        char c = phrase.charAt(i);
        if (c >= 128) {
          throw new IllegalArgumentException("phrase must be ASCII: " + phrase);
        }
        if (classOf[c] == OTHER && c != ' ') {
          byte cls = (byte) next++;
          classOf[c] = cls;
          if (c >= 'a' && c <= 'z') {
            classOf[c - 'a' + 'A'] = cls;
          }
        }
      }
    }
    this.alphabet = next;
    // Trie.
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(newRow());
    out.add(new ArrayList<>());
    for (int id = 0; id < phrases.length; id++) {
      int state = 0;
      String phrase = phrases[id];
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
    this.delta = new int[states * alphabet];
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
    this.outputs = new int[states][];
    for (int s = 0; s < states; s++) {
      List<Integer> ids = out.get(s);
      outputs[s] = ids.isEmpty() ? null : toArray(ids);
    }
    // Row offsets instead of state numbers; flag transitions into states that complete a phrase,
    // so scan() reads outputs[] only then.
    for (int i = 0; i < delta.length; i++) {
      int target = delta[i];
      delta[i] = target * alphabet | (outputs[target] != null ? HAS_OUTPUT : 0);
    }
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
    return new PhraseMatcher(normal);
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

  public int size() {
    return phrases.length;
  }

  public String phrase(int id) {
    return phrases[id];
  }

  /** Words needed for a bit set over all phrase ids. */
  public int words() {
    return (phrases.length + 63) >>> 6;
  }

  /**
   * Sets bit {@code id} in {@code hits} for every phrase found in {@code text[from, to)}. {@code
   * hits} must have at least {@link #words()} elements; bits already set stay set.
   */
  public void scan(CharSequence text, int from, int to, long[] hits) {
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

  /** True if bit {@code id} is set. */
  public static boolean has(long[] hits, int id) {
    return (hits[id >>> 6] & (1L << id)) != 0;
  }
}
