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

  /** The trie node of each of the patterns' words of up to {@value #PACKED} letters, by key. */
  private final LongIntTable shortWords;

  /** Per trie node: the one-word patterns whose word is a prefix of the word read. */
  private final int[][] oneWordPatternsOnPath;

  /** Per trie node where a word ends: the sequence node after it as a pattern's first word. */
  private final int[] afterFirstWord;

  /**
   * Per sequence node (past the first word): the patterns that end with one more word, as triples
   * (trie order of that last word, end of its subtree's order, pattern id).
   */
  private final int[][] endings;

  /** Word sequences past the first word: {@link #nextKey} → the next sequence node. */
  private final LongIntTable nextSequenceNode;

  /** Trie node positions run below this: the multiplier of the sequence node in a next key. */
  private final int trieNodes;

  /** Each thread's copy of the text and its words. */
  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  /**
   * Texts this long or longer are read with buffers of their own: a thread keeps at most about 10
   * KB (10 bytes a character), however long the longest text it once read, and however many threads
   * an application runs.
   */
  static final int KEPT_LENGTH = 1024;

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
    Map<String, Integer> wordIds = new LinkedHashMap<>();
    List<int[]> sequences = new ArrayList<>(); // word ids per pattern; null: cannot match ASCII
    for (String pattern : patterns) {
      boolean ascii = pattern.chars().allMatch(c -> c < 128) && pattern.startsWith(" ");
      sequences.add(
          ascii
              ? Arrays.stream(pattern.substring(1).split(" "))
                  .mapToInt(w -> wordIds.computeIfAbsent(w, k -> wordIds.size()))
                  .toArray()
              : null);
    }
    List<String> words = new ArrayList<>(wordIds.keySet());
    this.trie = new WordTrie(words);
    int[] nodeOfWord = words.stream().mapToInt(trie::nodeOf).toArray();
    // The sequence trie: node 0 before any word, edges keyed (node, the word's trie node).
    Map<Long, Integer> next = new HashMap<>();
    Map<Integer, List<Integer>> endingsAt = new HashMap<>();
    Map<Integer, List<Integer>> oneWordPatterns = new HashMap<>(); // by the word's trie node
    for (int id = 0; id < sequences.size(); id++) {
      int[] sequence = sequences.get(id);
      if (sequence == null) {
        continue;
      }
      int node = 0;
      for (int i = 0; i < sequence.length - 1; i++) {
        long edge = (long) node << 32 | nodeOfWord[sequence[i]];
        node = next.computeIfAbsent(edge, k -> next.size() + 1);
      }
      int last = nodeOfWord[sequence[sequence.length - 1]];
      if (node == 0) {
        oneWordPatterns.computeIfAbsent(last, k -> new ArrayList<>()).add(id);
      } else {
        endingsAt
            .computeIfAbsent(node, k -> new ArrayList<>())
            .addAll(List.of(trie.order(last), trie.orderEnd(last), id));
      }
    }
    this.trieNodes = trie.nodeLimit();
    this.endings = new int[next.size() + 1][];
    for (int s = 0; s < endings.length; s++) {
      endings[s] = toArray(endingsAt.getOrDefault(s, List.of()));
    }
    this.oneWordPatternsOnPath = new int[trieNodes][];
    for (int node = 0; node < trieNodes; node++) {
      List<Integer> onPath = new ArrayList<>();
      for (Map.Entry<Integer, List<Integer>> e : oneWordPatterns.entrySet()) {
        if (trie.isPrefix(e.getKey(), node)) {
          onPath.addAll(e.getValue());
        }
      }
      oneWordPatternsOnPath[node] = toArray(onPath);
    }
    this.afterFirstWord = new int[trieNodes];
    Arrays.fill(afterFirstWord, -1);
    Map<Long, Integer> nextKeys = new HashMap<>();
    next.forEach(
        (edge, to) -> {
          int from = (int) (edge >>> 32);
          int wordNode = (int) (long) edge;
          if (from == 0) {
            afterFirstWord[wordNode] = to;
          } else {
            nextKeys.put(nextKey(from, wordNode), to);
          }
        });
    this.nextSequenceNode = new LongIntTable(nextKeys);
    Map<Long, Integer> shortKeys = new HashMap<>();
    for (int w = 0; w < words.size(); w++) {
      if (words.get(w).length() <= PACKED) {
        shortKeys.put(packedKey(words.get(w)), nodeOfWord[w]);
      }
    }
    this.shortWords = new LongIntTable(shortKeys);
  }

  /** A word's letters and digits, 6 bits each, as {@link #readWords} packs them. */
  private static long packedKey(String word) {
    long key = 0;
    for (char c : word.toCharArray()) {
      key = key << 6 | KIND[c] >>> SYMBOL_SHIFT;
    }
    return key;
  }

  /** The key of the edge from sequence node {@code from} by the word at trie node {@code node}. */
  private long nextKey(int from, int node) {
    return (long) from * trieNodes + node;
  }

  private static int[] toArray(List<Integer> ids) {
    return ids.isEmpty() ? NONE : ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Records in {@code hits} the patterns found in {@code text[from, to)} if it is all ASCII and
   * returns true; otherwise returns false with {@code hits} untouched.
   */
  boolean scan(CharSequence text, int from, int to, long[] hits) {
    int length = to - from;
    Buffers b = length < KEPT_LENGTH ? buffers.get() : new Buffers();
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
      int node = shortWords.get(key >>> 6 * (length - kept));
      if (node >= 0) {
        return node << 1 | 1;
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
        at = (words[j] & 1) != 0 ? nextSequenceNode.get(nextKey(at, following)) : -1;
      }
    }
  }
}
