package io.github.smtpreply.camel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A mail of any size in the bounce mailbox costs at most the reader's limit in memory. */
class BoundedBytesTest {
  @Test
  void keepsTheFirstBytesUpToTheLimitAndDropsTheRest() {
    BounceTagger.BoundedBytes bytes = new BounceTagger.BoundedBytes(10);
    byte[] chunk = new byte[4096];
    for (int i = 0; i < 10_000; i++) { // 40 MB written
      bytes.write(chunk, 0, chunk.length);
      bytes.write(7);
    }
    assertThat(bytes.size()).isEqualTo(10);
    bytes.reset();
    bytes.write(new byte[] {1, 2, 3}, 0, 3);
    assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
  }
}
