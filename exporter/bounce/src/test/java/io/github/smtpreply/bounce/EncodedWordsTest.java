package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 2047 encoded-words in header values, the examples of its §8 among them, and the ways mailers
 * split Japanese text over several words.
 */
class EncodedWordsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          (=?ISO-8859-1?Q?a?=)                                   | (a)
          (=?ISO-8859-1?Q?a?= b)                                 | (a b)
          (=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)                | (ab)
          (=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)               | (ab)
          (=?ISO-8859-1?Q?a_b?=)                                 | (a b)
          (=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)               | (a b)
          =?UTF-8?B?5Lya6K2w?=                                  | 会議
          =?utf-8*ja?B?5Lya6K2w?=                                | 会議
          =?UTF-8?B?5Lya?= =?UTF-8?B?6K2w?= の件                 | 会議 の件
          =?UTF-8?B?5Lya6K0=?= =?UTF-8?B?sA==?=                  | 会議
          =?ISO-2022-JP?B?GyRCMnE1RBsoQg==?= =?UTF-8?B?44Gu5Lu2?= | 会議の件
          =?ISO-2022-JP?B?GyRCMnE=?= =?ISO-2022-JP?B?NUQbKEI=?=  | 会議
          =?us-ascii?Q?Undeliverable=3A_test?=                   | Undeliverable: test
          no words here                                          | no words here
          """)
  void decodes(String value, String text) {
    Charsets.Decoded decoded = EncodedWords.decode(value);
    assertThat(decoded.text()).isEqualTo(text);
    assertThat(decoded.problem()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          =?x-klingon?Q?Undeliverable?=   | Undeliverable        | unknown charset "x-klingon", read as UTF-8
          =?UTF-8?B?!!!?= x               | =?UTF-8?B?!!!?= x    | an encoded-word that does not decode was kept as written
          """)
  void keepsWhatItCannotReadAndSaysSo(String value, String text, String problem) {
    assertThat(EncodedWords.decode(value)).isEqualTo(new Charsets.Decoded(text, problem));
  }

  @ParameterizedTest
  @CsvSource({"会議の件", "Réunion"})
  void readsRawUtf8(String text) {
    String asJakartaMailGivesIt =
        new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(EncodedWords.decode(asJakartaMailGivesIt).text()).isEqualTo(text);
  }
}
