package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MimeContentTest {
  /** RFC 5322 §2.2.3 unfolding as a regex: the oracle for the hand-written loop. */
  private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");

  @Test
  void unfoldsLikeTheRegex() {
    for (String value :
        new String[] {
          "",
          "plain",
          "a\r\n b",
          "a\n\tb",
          "a\n  \t b\r\n c",
          "a\nb",
          "a\r\nb",
          "a\r\r\n b",
          "\n x",
          "x\n",
          "x\n ",
          "a\n \n b",
          "\r\n\r\n "
        }) {
      assertThat(MimeContent.unfold(value))
          .as(value)
          .isEqualTo(FOLD.matcher(value).replaceAll(" "));
    }
    Random random = new Random(42);
    char[] alphabet = {'a', ' ', '\t', '\r', '\n'};
    for (int i = 0; i < 20_000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String value = new String(chars);
      assertThat(MimeContent.unfold(value)).isEqualTo(FOLD.matcher(value).replaceAll(" "));
    }
  }

  @Test
  void aCharsetTheJdkLacksIsGuessedEachTime() {
    byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 3; i++) {
      assertThat(Charsets.decode(utf8, "unicode-1-1-utf-7").text()).isEqualTo("caf\u00e9");
      assertThat(Charsets.decode(latin1, "uft-8").text()).isEqualTo("caf\u00e9");
      assertThat(Charsets.decode(latin1, "illegal name!").text()).isEqualTo("caf\u00e9");
      assertThat(Charsets.decode(latin1, "ISO-8859-1").text()).isEqualTo("caf\u00e9");
    }
  }
}
