package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test with what to install, and fails it under CI=true. */
class ToolsTest {
  @Test
  void aMissingToolSkipsOutsideCiAndFailsInCi() {
    Throwable t =
        catchThrowable(() -> Tools.require("no-such-tool-for-smtp-reply", "some-package"));
    assertThat(t)
        .isInstanceOf(
            "true".equals(System.getenv("CI")) ? AssertionError.class : TestAbortedException.class)
        .hasMessageContaining(
            "no-such-tool-for-smtp-reply is not installed: apt-get install some-package");
  }

  @Test
  void anInstalledToolIsFound() {
    assertThat(Tools.find("sh")).isPresent();
  }
}
