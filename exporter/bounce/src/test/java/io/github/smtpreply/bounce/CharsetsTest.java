package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Charset labels as mail writes them, and text in the vendors' supersets of what they name. */
class CharsetsTest {
  @ParameterizedTest
  @CsvSource({
    "Shift_JIS, windows-31j",
    "x-sjis, windows-31j",
    "Shift-JIS, windows-31j",
    "cp932, windows-31j",
    "ISO-2022-JP, x-windows-50221",
    "iso-2022-jp-2, ISO-2022-JP-2",
    "EUC-JP, x-eucJP-Open",
    "gb2312, GB18030",
    "GBK, GB18030",
    "BIG5, Big5-HKSCS",
    "ks_c_5601-1987, x-windows-949",
    "US-ASCII, windows-1252",
    "UTF8, UTF-8",
    "' utf-8 ', UTF-8",
    "koi8-r, KOI8-R",
  })
  void resolvesLabels(String label, String charset) {
    assertThat(Charsets.resolve(label)).isEqualTo(Charset.forName(charset));
  }

  @Test
  void anUnknownLabelResolvesToNothing() {
    assertThat(Charsets.resolve("x-klingon")).isNull();
    assertThat(Charsets.resolve("not a charset!")).isNull();
  }

  /** NEC row 13 (①) and GBK-only characters, in parts labelled with the plain charset's name. */
  @ParameterizedTest
  @CsvSource({
    "①会議, Shift_JIS, windows-31j",
    "①会議, EUC-JP, x-eucJP-Open",
    "①会議〜, ISO-2022-JP, x-windows-50221",
    "王喆, gb2312, GBK",
    "會議, big5, Big5",
  })
  void readsTheVendorSuperset(String text, String label, String encodedWith) {
    Charsets.Decoded decoded = Charsets.decode(text.getBytes(Charset.forName(encodedWith)), label);
    assertThat(decoded.text()).isEqualTo(text);
    assertThat(decoded.problem()).isNull();
  }

  @Test
  void guessesWithoutADeclaredCharset() {
    assertThat(Charsets.decode("会議".getBytes(StandardCharsets.UTF_8), null).text()).isEqualTo("会議");
    assertThat(Charsets.decode("会議".getBytes(Charset.forName("ISO-2022-JP")), null).text())
        .isEqualTo("会議");
    assertThat(Charsets.decode("café".getBytes(StandardCharsets.ISO_8859_1), null))
        .isEqualTo(new Charsets.Decoded("café", null));
  }

  @Test
  void saysWhatWasWrongWithTheLabel() {
    assertThat(Charsets.decode("会議".getBytes(StandardCharsets.UTF_8), "x-klingon"))
        .isEqualTo(new Charsets.Decoded("会議", "unknown charset \"x-klingon\", read as UTF-8"));
    assertThat(Charsets.decode("café".getBytes(StandardCharsets.UTF_8), "iso-8859-1"))
        .isEqualTo(
            new Charsets.Decoded("café", "charset \"iso-8859-1\" declared, but the text is UTF-8"));
    assertThat(Charsets.decode("café".getBytes(StandardCharsets.ISO_8859_1), "iso-8859-1"))
        .isEqualTo(new Charsets.Decoded("café", null));
    Charsets.Decoded broken = Charsets.decode(new byte[] {'a', (byte) 0xff}, "euc-jp");
    assertThat(broken.text()).startsWith("a");
    assertThat(broken.problem()).isEqualTo("bytes not valid in charset \"euc-jp\" were replaced");
  }
}
