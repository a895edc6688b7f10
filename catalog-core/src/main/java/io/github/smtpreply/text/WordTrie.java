package io.github.smtpreply.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trie over lower-case ASCII words (letters and digits), stored as a double array: a node's child
 * for symbol s sits at {@code base[node] + s} if {@code check} there names the node. A few
 * kilobytes for the rule book's words, so a walk stays in the first-level cache. Immutable.
 */
final class WordTrie {
  static final int ROOT = 0;

  /** Symbols 1..36: a-z, then 0-9; 0 for any other character. */
  static final int SYMBOLS = 37;

  private final int[] base;
  private final int[] check;

  /**
   * Depth-first numbering: a node's descendants are numbered from {@code order[node] + 1} to below
   * {@code orderEnd[node]}, so "is a prefix of" is two comparisons.
   */
  private final int[] order;

  private final int[] orderEnd;

  WordTrie(List<String> words) {
    // A pointer trie first, then each node placed, breadth first, where its children fit.
    List<int[]> children = new ArrayList<>();
    children.add(new int[SYMBOLS]);
    for (int id = 0; id < words.size(); id++) {
      int node = 0;
      for (char c : words.get(id).toCharArray()) {
        int s = symbol(c);
        if (s == 0) {
          throw new IllegalArgumentException("not a lower-case ASCII word: " + words.get(id));
        }
        if (children.get(node)[s] == 0) {
          children.get(node)[s] = children.size();
          children.add(new int[SYMBOLS]);
        }
        node = children.get(node)[s];
      }
    }
    int capacity = children.size() * SYMBOLS + 2 * SYMBOLS; // ample; trimmed below
    int[] b = new int[capacity];
    int[] ch = new int[capacity];
    Arrays.fill(ch, -1);
    ch[ROOT] = ROOT; // the root's own cell is taken
    int used = 1;
    ArrayDeque<int[]> queue = new ArrayDeque<>(); // {pointer node, position}
    queue.add(new int[] {0, ROOT});
    int[] positionOf = new int[children.size()];
    int firstFree = 1;
    while (!queue.isEmpty()) {
      int[] item = queue.poll();
      int[] kids = children.get(item[0]);
      int at = item[1];
      int start = firstFree;
      while (!fits(ch, start, kids)) {
        start++;
      }
      b[at] = start - 1; // symbols start at 1, so the children take cells from start on
      for (int s = 1; s < SYMBOLS; s++) {
        if (kids[s] != 0) {
          int pos = b[at] + s;
          ch[pos] = at;
          used = Math.max(used, pos + 1);
          positionOf[kids[s]] = pos;
          queue.add(new int[] {kids[s], pos});
        }
      }
      while (firstFree < capacity - SYMBOLS && ch[firstFree] >= 0) {
        firstFree++;
      }
    }
    // Room after the last cell so that base + any symbol stays inside the arrays.
    int length = used + SYMBOLS;
    this.base = Arrays.copyOf(b, length);
    this.check = Arrays.copyOf(ch, length);
    this.order = new int[length];
    this.orderEnd = new int[length];
    number(children, positionOf, 0, 0);
  }

  /**
   * Numbers the subtree at pointer node {@code node} from {@code next}, walking the pointer trie
   * (its children at hand, not probed symbol by symbol); returns the next free number.
   */
  private int number(List<int[]> children, int[] positionOf, int node, int next) {
    int at = positionOf[node];
    order[at] = next++;
    int[] kids = children.get(node);
    for (int s = 1; s < SYMBOLS; s++) {
      if (kids[s] != 0) {
        next = number(children, positionOf, kids[s], next);
      }
    }
    orderEnd[at] = next;
    return next;
  }

  /**
   * True if the word or prefix at {@code ancestor} is a prefix of (or is) the one at {@code node}.
   */
  boolean isPrefix(int ancestor, int node) {
    return order[ancestor] <= order[node] && order[node] < orderEnd[ancestor];
  }

  int order(int node) {
    return order[node];
  }

  int orderEnd(int node) {
    return orderEnd[node];
  }

  /**
   * Walks {@code text[start, start + length)} (ASCII letters and digits, either case) down the
   * trie: the node reached, shifted left by one, with bit 0 set if the walk took every character,
   * else the deepest node on the way.
   */
  int walk(char[] text, int start, int length) {
    int node = ROOT;
    for (int i = start; i < start + length; i++) {
      int to = base[node] + symbol((char) (text[i] | 0x20));
      if (check[to] != node) {
        return node << 1;
      }
      node = to;
    }
    return node << 1 | 1;
  }

  /**
   * True if the cells at {@code start - 1 + s} are free for every child symbol s of {@code kids}.
   */
  private static boolean fits(int[] check, int start, int[] kids) {
    for (int s = 1; s < SYMBOLS; s++) {
      if (kids[s] != 0 && check[start - 1 + s] >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The symbol of a lower-case ASCII letter or digit (1..36), else 0. */
  static int symbol(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 27;
    }
    return 0;
  }

  /** The child of {@code node} for {@code symbol} (1..36), or -1. */
  int child(int node, int symbol) {
    int to = base[node] + symbol;
    return check[to] == node ? to : -1;
  }

  /** Node positions run from 0 (the root) to below this. */
  int nodeLimit() {
    return check.length;
  }

  /**
   * The node at the end of {@code word}'s path (lower case), or -1 if the trie has no such path.
   */
  int nodeOf(String word) {
    int node = ROOT;
    for (char c : word.toCharArray()) {
      node = child(node, symbol(c));
      if (node < 0) {
        return -1;
      }
    }
    return node;
  }
}
