package io.github.smtpreply.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path's small tables: the double-array word trie and the long-to-int table. */
class WordTrieTest {
  private final WordTrie trie = new WordTrie(List.of("reject", "rejected", "user", "550", "re"));

  @Test
  void walksAWordInEitherCaseToItsNodeOrToTheDeepestNodeOnTheWay() {
    char[] text = "REJECTED rejection users".toCharArray();
    assertThat(trie.walk(text, 0, 8)).isEqualTo(trie.nodeOf("rejected") << 1 | 1);
    assertThat(trie.walk(text, 9, 9)).isEqualTo(trie.nodeOf("reject") << 1); // fell off at 'i'
    assertThat(trie.walk(text, 19, 4)).isEqualTo(trie.nodeOf("user") << 1 | 1);
    assertThat(trie.walk(text, 19, 5)).isEqualTo(trie.nodeOf("user") << 1);
    assertThat(trie.nodeOf("rej")).isPositive(); // a prefix has a node too
    assertThat(trie.nodeOf("rejects")).isNegative();
  }

  @Test
  void tellsPrefixesByTheirDepthFirstOrder() {
    int re = trie.nodeOf("re");
    assertThat(trie.isPrefix(re, trie.nodeOf("rejected"))).isTrue();
    assertThat(trie.isPrefix(trie.nodeOf("reject"), trie.nodeOf("rejected"))).isTrue();
    assertThat(trie.isPrefix(trie.nodeOf("rejected"), trie.nodeOf("reject"))).isFalse();
    assertThat(trie.isPrefix(re, trie.nodeOf("user"))).isFalse();
    assertThat(trie.isPrefix(WordTrie.ROOT, trie.nodeOf("550"))).isTrue();
  }

  @Test
  void takesOnlyLowerCaseAsciiWords() {
    assertThatThrownBy(() -> new WordTrie(List.of("User"))).hasMessageContaining("User");
  }

  @Test
  void longIntTableFindsWhatItHoldsAndNothingElse() {
    LongIntTable table = new LongIntTable(Map.of(1L, 10, 1L << 40, 20, -5L, 0));
    assertThat(table.get(1L)).isEqualTo(10);
    assertThat(table.get(1L << 40)).isEqualTo(20);
    assertThat(table.get(-5L)).isZero();
    assertThat(table.get(2L)).isEqualTo(-1);
    assertThatThrownBy(() -> new LongIntTable(Map.of(0L, 1))).hasMessageContaining("key 0");
  }
}
