package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.logs.PostfixLogParser;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SmtpReplyMetrics metrics = new SmtpReplyMetrics();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  InputsTest() {
    metrics.bindTo(registry);
  }

  private double up(Path log) {
    return registry.get("smtp.log.input.up").tag("input", log.toString()).gauge().value();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void notReadyWhileALogIsMissingOrAFolderAndSaysSoOncePerChange() throws Exception {
    Path log = dir.resolve("mail.log");
    Files.createDirectory(log);
    try (Inputs inputs = new Inputs(dir.resolve("state"), true, metrics, registry, err)) {
      inputs.addLog("postfix", log, new PostfixLogParser(ZoneOffset.UTC));
      assertThat(inputs.ready()).isFalse();
      assertThat(up(log)).isZero();
      inputs.start();
      Thread.sleep(1000); // four polls
      Files.delete(log);
      Files.writeString(log, "Nov 22 04:55:20 mx1 postfix/qmgr[1]: ABC: removed\n");
      await(inputs::ready);
      assertThat(inputs.ready()).isTrue();
      assertThat(up(log)).isEqualTo(1.0);
      await(() -> registry.find("smtp.log.lines").counters().stream().anyMatch(c -> c.count() > 0));
    }
    // Four polls of a folder said once; a poll between delete and create may see it missing.
    var said = errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(said.get(0))
        .isEqualTo("smtp-reply: " + log + " is not a regular file (waiting for it)");
    assertThat(said.get(said.size() - 1)).isEqualTo("smtp-reply: " + log + " is readable again");
    assertThat(said).hasSizeBetween(2, 3).doesNotHaveDuplicates();
  }

  @Test
  void aDamagedCheckpointStopsTheStartWithAClearError() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.writeString(Inputs.logCheckpoint(state, "postfix", log), Checkpoint.HEADER + "\nx\n");
    try (Inputs inputs = new Inputs(state, false, metrics, registry, err)) {
      assertThatThrownBy(() -> inputs.addLog("postfix", log, new PostfixLogParser(ZoneOffset.UTC)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("move it away");
    }
  }
}
