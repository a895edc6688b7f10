package io.github.smtpreply.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real command-line tools the tests run (promtool, prometheus, amtool), found on the PATH. A
 * missing tool skips the test with what to install, except in CI ({@code CI=true}), where it fails:
 * .ci/run installs them.
 */
final class Tools {
  static final Path REPO =
      Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();

  record Result(int exit, String output) {}

  private Tools() {}

  /** The tool's path, or the test is skipped (failed in CI) saying which package to install. */
  static Path require(String tool, String debianPackage) {
    Optional<Path> found = find(tool);
    if (found.isEmpty()) {
      String message =
          tool
              + " is not installed: apt-get install "
              + debianPackage
              + " (Debian/Ubuntu; .ci/run installs it)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + ", and CI=true requires it");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  static Optional<Path> find(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs a command in {@code dir} to completion (at most 60 s), stdout and stderr together. */
  static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    return run(dir, command, null);
  }

  static Result run(Path dir, List<String> command, String stdin)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
