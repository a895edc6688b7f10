package io.github.smtpreply.testkit;

/**
 * AssertJ entry point for a {@link ScriptedSmtp}:
 *
 * <pre>{@code
 * import static io.github.smtpreply.testkit.SmtpAssertions.assertThat;
 *
 * assertThat(smtp).receivedMessageFor("ann@example.com").receivedNoMessageFor("bob@example.com");
 * }</pre>
 */
public final class SmtpAssertions {
  private SmtpAssertions() {}

  /** Assertions on what the server received, as of the call of each assertion. */
  public static ScriptedSmtpAssert assertThat(ScriptedSmtp actual) {
    return new ScriptedSmtpAssert(actual);
  }
}
