package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsvTest {
  @Test
  void aFieldIsKeptWholeWithItsControlCharactersEscaped() {
    String longPath = "/var/mail/" + "bounces/".repeat(30) + "1.eml";
    assertThat(Tsv.field(longPath)).isEqualTo(longPath);
    assertThat(Tsv.field("a\tb\nc\rd\\e\u0001f")).isEqualTo("a\\tb\\nc\\rd\\\\e\\x01f");
    assertThat(Tsv.field("用户@例子.广告")).isEqualTo("用户@例子.广告");
  }
}
