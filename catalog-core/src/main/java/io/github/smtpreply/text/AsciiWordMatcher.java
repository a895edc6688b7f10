package io.github.smtpreply.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word mode's fast path for a text in ASCII (most replies). The text is read once into words; a
 * word is looked up whole by its letters packed into a long (up to {@value #PACKED} letters), else
 * walked down a small trie of the patterns' words; the patterns are then matched as sequences of
 * words. It finds what the character automaton of {@link PhraseMatcher} finds in such a text (the
 * tests compare the two) with a few kilobytes of tables instead of a megabyte of transitions.
 * Patterns with a character outside ASCII never match an ASCII text and are left out. Immutable and
 * thread-safe; a scan allocates nothing once its thread's buffers are large enough.
 */
final class AsciiWordMatcher {
  private static final int[] NONE = new int[0];

  /** Letters a packed key holds: 6 bits each (symbols 1..36). */
  private static final int PACKED = 10;

  /** {@link #KIND} bits: address, host or IP address character; letter or digit; digit; @; dot. */
  private static final int ADDRESS = 1;

  private static final int ALNUM = 2;
  private static final int DIGIT = 4;
  private static final int AT = 8;
  private static final int DOT = 16;
  private static final int SYMBOL_SHIFT = 8;

  /** For each ASCII character: its bits, and its trie symbol (lower-cased) above them. */
  private static final int[] KIND = new int[128];

  static {
    for (char c = 0; c < 128; c++) {
      int kind = Character.isLetterOrDigit(c) || ".-_+@%".indexOf(c) >= 0 ? ADDRESS : 0;
      if (Character.isLetterOrDigit(c)) {
        kind |= ALNUM | WordTrie.symbol(Character.toLowerCase(c)) << SYMBOL_SHIFT;
      }
      kind |= c >= '0' && c <= '9' ? DIGIT : c == '@' ? AT : c == '.' ? DOT : 0;
      KIND[c] = kind;
    }
  }

  private final PatternHits patternHits;
  private final WordTrie trie;

  /** The patterns' words of up to {@value #PACKED} letters by packed key: open addressing. */
  private final long[] shortWordKeys;

  private final int[] shortWordNodes;

  /** Per trie node: the one-word patterns whose word is a prefix of the word read. */
  private final int[][] oneWordPatternsOnPath;

  /** Per trie node where a word ends: the sequence node after it as a pattern's first word. */
  private final int[] afterFirstWord;

  /**
   * Per sequence node (past the first word): the patterns that end with one more word, as triples
   * (trie order of that last word, end of its subtree's order, pattern id).
   */
  private final int[][] endings;

  /** Word sequences past the first word: (sequence node, word's trie node) → next node. */
  private final int[] nextKeys;

  private final int[] nextNodes;

  /** Trie node positions run below this: the multiplier of the sequence node in a next key. */
  private final int trieNodes;

  /** Each thread's copy of the text and its words. */
  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    char[] text = new char[256];

    /** Per word: its start, then (once its run is kept) its {@link #wordNode}. */
    int[] words = new int[128];

    /** Per word of the current run: its end, and its letters packed. */
    int[] ends = new int[128];

    long[] keys = new long[128];

    void ensure(int length) {
      if (text.length <= length) { // room for a separator after the text
        text = new char[Math.max(length + 1, text.length * 2)];
        words = new int[text.length / 2 + 1];
        ends = new int[words.length];
        keys = new long[words.length];
      }
    }
  }

  /**
   * @param patterns normalised patterns (phrases, then negative contexts) in pattern-id order
   */
  AsciiWordMatcher(List<String> patterns, PatternHits patternHits) {
    this.patternHits = patternHits;
    Map<String, Integer> words = new LinkedHashMap<>();
    List<int[]> sequences = new ArrayList<>(); // word ids per pattern; null: cannot match ASCII
    for (String pattern : patterns) {
      if (!pattern.chars().allMatch(c -> c < 128) || !pattern.startsWith(" ")) {
        sequences.add(null);
        continue;
      }
      String[] parts = pattern.substring(1).split(" ");
      int[] ids = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        ids[i] = words.computeIfAbsent(parts[i], k -> words.size());
      }
      sequences.add(ids);
    }
    List<String> wordList = new ArrayList<>(words.keySet());
    this.trie = new WordTrie(wordList);
    int[] nodeOfWord = wordList.stream().mapToInt(trie::nodeOf).toArray();
    // The sequence trie over word ids: node 0 before any word.
    Map<Long, Integer> next = new HashMap<>();
    Map<Integer, List<Integer>> endingsAt = new HashMap<>();
    Map<Integer, List<Integer>> oneWordPatterns = new HashMap<>(); // by word id
    for (int id = 0; id < sequences.size(); id++) {
      int[] seq = sequences.get(id);
      if (seq == null) {
        continue;
      }
      int node = 0;
      for (int i = 0; i < seq.length - 1; i++) {
        long edge = (long) node << 32 | nodeOfWord[seq[i]];
        node = next.computeIfAbsent(edge, k -> next.size() + 1);
      }
      int last = nodeOfWord[seq[seq.length - 1]];
      if (node == 0) {
        oneWordPatterns.computeIfAbsent(seq[0], k -> new ArrayList<>()).add(id);
      } else {
        List<Integer> ends = endingsAt.computeIfAbsent(node, k -> new ArrayList<>());
        ends.addAll(List.of(trie.order(last), trie.orderEnd(last), id));
      }
    }
    int sequenceNodes = next.size() + 1;
    this.endings = new int[sequenceNodes][];
    for (int s = 0; s < sequenceNodes; s++) {
      endings[s] = toArray(endingsAt.getOrDefault(s, List.of()));
    }
    // Per trie node: the one-word patterns on its path (a last word may continue).
    int nodes = trie.nodeLimit();
    this.trieNodes = nodes;
    this.oneWordPatternsOnPath = new int[nodes][];
    this.afterFirstWord = new int[nodes];
    Arrays.fill(oneWordPatternsOnPath, NONE);
    Arrays.fill(afterFirstWord, -1);
    for (int node = 0; node < nodes; node++) {
      List<Integer> onPath = new ArrayList<>();
      for (int w = 0; w < wordList.size(); w++) {
        if (oneWordPatterns.containsKey(w) && trie.isPrefix(nodeOfWord[w], node)) {
          onPath.addAll(oneWordPatterns.get(w));
        }
      }
      oneWordPatternsOnPath[node] = toArray(onPath);
    }
    for (int w = 0; w < wordList.size(); w++) {
      afterFirstWord[nodeOfWord[w]] = next.getOrDefault((long) nodeOfWord[w], -1);
    }
    // Edges past the first word, at most half full; key: sequence node * trie nodes + trie node.
    List<Long> edges = new ArrayList<>(next.keySet());
    edges.removeIf(edge -> edge >>> 32 == 0);
    int size = tableSize(edges.size());
    this.nextKeys = new int[size];
    this.nextNodes = new int[size];
    for (long edge : edges) {
      int key = Math.toIntExact((edge >>> 32) * nodes + (int) edge);
      int slot = slot(key, size);
      while (nextKeys[slot] != 0) {
        slot = (slot + 1) & (size - 1);
      }
      nextKeys[slot] = key;
      nextNodes[slot] = next.get(edge);
    }
    // Whole words by packed key.
    int shortWords = (int) wordList.stream().filter(w -> w.length() <= PACKED).count();
    this.shortWordKeys = new long[tableSize(shortWords)];
    this.shortWordNodes = new int[shortWordKeys.length];
    for (int w = 0; w < wordList.size(); w++) {
      String word = wordList.get(w);
      if (word.length() <= PACKED) {
        long key = 0;
        for (char c : word.toCharArray()) {
          key = key << 6 | WordTrie.symbol(c);
        }
        int slot = slot(key, shortWordKeys.length);
        while (shortWordKeys[slot] != 0) {
          slot = (slot + 1) & (shortWordKeys.length - 1);
        }
        shortWordKeys[slot] = key;
        shortWordNodes[slot] = nodeOfWord[w];
      }
    }
  }

  private static int tableSize(int entries) {
    return Integer.highestOneBit(Math.max(4, entries * 2)) * 2;
  }

  private static int slot(long key, int size) {
    return (int) (key * 0x9E3779B97F4A7C15L >>> 40) & (size - 1);
  }

  private static int[] toArray(List<Integer> ids) {
    return ids.isEmpty() ? NONE : ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Records in {@code hits} the patterns found in {@code text[from, to)} if it is all ASCII and
   * returns true; otherwise returns false with {@code hits} untouched.
   */
  boolean scan(CharSequence text, int from, int to, long[] hits) {
    Buffers b = buffers.get();
    int length = to - from;
    b.ensure(length);
    char[] chars = b.text;
    if (text instanceof String s) {
      s.getChars(from, to, chars, 0); // a bulk copy: reading an array is cheaper than charAt
    } else {
      for (int i = 0; i < length; i++) {
        chars[i] = text.charAt(from + i);
      }
    }
    int count = readWords(chars, length, b);
    if (count < 0) {
      return false;
    }
    matchSequences(b.words, count, hits);
    patternHits.settle(hits);
    return true;
  }

  /**
   * Reads the words of {@code text[0, length)} into {@code b.words} as PhraseMatcher's automaton
   * reads them (lower case, plural s dropped, addresses, hosts and IP addresses skipped), each as
   * {@link #wordNode}. Returns the count, or -1 if the text holds a character outside ASCII.
   */
  private int readWords(char[] text, int length, Buffers b) {
    final int[] words = b.words;
    text[length] = ' '; // a separator after the text: runs end without a bounds check
    int count = 0;
    int seen = 0; // every character read, or-ed: outside ASCII if a high bit is set
    int i = 0;
    while (i < length) {
      char c = text[i];
      seen |= c;
      int kind = KIND[c & 0x7F];
      if ((kind & ADDRESS) == 0) {
        i++;
        continue;
      }
      // A run of letters, digits and .-_+@%: an address, a host or an IP address if it holds an
      // @, or a digit and a dot, and then read as one separator; else words, looked up once the
      // run is known to be kept.
      int firstWord = count;
      int kinds = 0;
      do {
        if ((kind & ALNUM) == 0) {
          kinds |= kind;
          c = text[++i];
          seen |= c;
          kind = KIND[c & 0x7F];
          continue;
        }
        int start = i;
        long key = 0;
        do {
          kinds |= kind;
          key = key << 6 | kind >>> SYMBOL_SHIFT;
          c = text[++i];
          seen |= c;
          kind = KIND[c & 0x7F];
        } while ((kind & ALNUM) != 0);
        if (count == firstWord && (kind & ADDRESS) == 0 && (kinds & (AT | DOT)) == 0) {
          // The run ends with its first word and holds no @ or dot, so it is kept: look it up now.
          words[count++] = wordNode(text, start, i, key);
          firstWord = count;
          break;
        }
        words[count] = start;
        b.ends[count] = i;
        b.keys[count++] = key;
      } while ((kind & ADDRESS) != 0);
      if ((kinds & AT) != 0 || (kinds & (DIGIT | DOT)) == (DIGIT | DOT)) {
        count = firstWord;
      } else {
        for (int w = firstWord; w < count; w++) {
          words[w] = wordNode(text, words[w], b.ends[w], b.keys[w]);
        }
      }
    }
    return (seen & 0xFF80) != 0 ? -1 : count;
  }

  /**
   * The word {@code text[start, end)} as the patterns read it (a plural s dropped; "-sses" read as
   * "-ss"): its trie node shifted left by one, bit 0 set if the whole word is on the trie, else the
   * deepest node on its way. {@code key} packs the letters read, the last {@value #PACKED} of them.
   */
  private int wordNode(char[] text, int start, int end, long key) {
    int length = end - start;
    int kept = length;
    if (length >= 2 && (text[end - 1] | 0x20) == 's') {
      int before = text[end - 2] | 0x20;
      if (before == 'e' && length >= 3 && (text[end - 3] | 0x20) == 's') {
        kept = length - 2;
      } else if (before != 's') {
        kept = length - 1;
      }
    }
    if (length <= PACKED) {
      long packed = key >>> 6 * (length - kept);
      long[] keys = shortWordKeys;
      int slot = slot(packed, keys.length);
      long stored;
      while ((stored = keys[slot]) != 0) {
        if (stored == packed) {
          return shortWordNodes[slot] << 1 | 1;
        }
        slot = (slot + 1) & (keys.length - 1);
      }
    }
    return trie.walk(text, start, kept); // a longer word, or none of the patterns' words
  }

  /** Finds the patterns among the words read: each start, then as far as words follow a pattern. */
  private void matchSequences(int[] words, int count, long[] hits) {
    for (int start = 0; start < count; start++) {
      int word = words[start];
      int node = word >>> 1;
      for (int id : oneWordPatternsOnPath[node]) {
        patternHits.found(id, hits);
      }
      int at = (word & 1) != 0 ? afterFirstWord[node] : -1;
      for (int j = start + 1; at >= 0 && j < count; j++) {
        int following = words[j] >>> 1;
        int[] ends = endings[at];
        if (ends.length > 0) {
          int order = trie.order(following);
          for (int e = 0; e < ends.length; e += 3) {
            if (ends[e] <= order && order < ends[e + 1]) {
              patternHits.found(ends[e + 2], hits);
            }
          }
        }
        at = (words[j] & 1) != 0 ? next(at, following) : -1;
      }
    }
  }

  /** The sequence node after {@code at} and the word at trie node {@code node}, or -1. */
  private int next(int at, int node) {
    int key = at * trieNodes + node;
    int[] keys = nextKeys;
    int slot = slot(key, keys.length);
    int stored;
    while ((stored = keys[slot]) != 0) {
      if (stored == key) {
        return nextNodes[slot];
      }
      slot = (slot + 1) & (keys.length - 1);
    }
    return -1;
  }
}
