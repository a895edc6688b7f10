package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A library inside someone's Camel or Spring application must not change JVM-wide settings. */
class NoGlobalStateTest {
  @Test
  void readingABounceSetsNoSystemProperty() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/bounces/lhost-postfix-02.eml")) {
      assertThat(BounceReader.standard().read(in).recipients()).isNotEmpty();
    }
    assertThat(System.getProperty(BounceReader.STREAM_PROVIDER_PROPERTY)).isNull();
  }
}
