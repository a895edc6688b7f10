package io.github.smtpreply.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Word mode: phrases as word sequences, in any script, with negative contexts. */
class PhraseMatcherWordsTest {
  private static final PhraseMatcher M =
      PhraseMatcher.ofWords(
          List.of(
              "user unknown",
              "mailbox unavailable",
              "recipient address rejected",
              "virus",
              "Domino ディレクトリには見つかりません",
              "reject",
              "[TSS04]"),
          List.of("virus free", "anti-virus"));

  private static boolean finds(String text, int id) {
    long[] hits = new long[M.words()];
    M.scan(text, 0, text.length(), hits);
    return PhraseMatcher.has(hits, id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "550 5.1.1 User Unknown",
        "550 5.1.1 user-unknown",
        "550 \"User\n    unknown\"",
        "550 5.1.1 <bob@example.com>: user <bob@example.com> unknown",
        "550 USER UNKNOWN.",
        "550 users unknown",
        "550 ｕｓｅｒ ｕｎｋｎｏｗｎ"
      })
  void findsAPhraseThroughCasePunctuationFoldingAddressesAndPlurals(String text) {
    assertThat(finds(text, 0)).as(text).isTrue();
  }

  @Test
  void skipsHostsAndIpAddressesBetweenWords() {
    assertThat(finds("550 Mailbox [192.0.2.1] mx1.example.net unavailable", 1)).isTrue();
    assertThat(finds("550 5.1.1 All recipient addresses rejected", 2)).isTrue();
  }

  @Test
  void aPhraseStartsAtAWordStartAndItsLastWordMayContinue() {
    assertThat(finds("550 superuser unknown", 0)).isFalse();
    assertThat(finds("550 message rejected", 5)).isTrue();
    assertThat(finds("550 [TSS04] deferred", 6)).isTrue();
  }

  @Test
  void matchesJapanese() {
    assertThat(finds("宛先 user@example.jp は Domino ディレクトリには見つかりません", 4)).isTrue();
  }

  @Test
  void negativeContextsHideThePhraseOnlyWhereItOccursInsideThem() {
    assertThat(finds("Mail scanned as virus free. 550 User unknown", 3)).isFalse();
    assertThat(finds("Analysed by NOD32 antivirus system; anti-virus banner", 3)).isFalse();
    assertThat(finds("554 virus found. Mail scanned as virus-free", 3)).isTrue();
    assertThat(finds("554 Virus detected", 3)).isTrue();
  }
}
