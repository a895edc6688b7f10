package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFollowerTest {
  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();
  private final List<String> reports = new ArrayList<>();

  private static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Lines {@code prefix-from} to {@code prefix-(to-1)}, each with its newline. */
  private static String numbered(String prefix, int from, int to) {
    StringBuilder out = new StringBuilder();
    IntStream.range(from, to).forEach(i -> out.append(prefix).append('-').append(i).append('\n'));
    return out.toString();
  }

  private static List<String> expected(String prefix, int from, int to) {
    return numbered(prefix, from, to).lines().toList();
  }

  private FileFollower follow(Path log, FilePosition start, boolean fromBeginning)
      throws IOException {
    return new FileFollower(log, start, fromBeginning, lines::add, reports::add);
  }

  /** What logrotate's copytruncate does: copy the log aside, then empty it in place. */
  private static void copyTruncate(Path log, Path rotated) throws IOException {
    Files.copy(log, rotated);
    Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
  }

  @Test
  void startsAtTheEndByDefaultAndFromTheStartWhenAsked() throws IOException {
    Path log = dir.resolve("mail.log");
    append(log, "old 1\nold 2\n");
    try (FileFollower f = follow(log, null, false)) {
      append(log, "new 1\n");
      f.poll();
    }
    assertThat(lines).containsExactly("new 1");
    lines.clear();
    try (FileFollower f = follow(log, null, true)) {
      f.poll();
    }
    assertThat(lines).containsExactly("old 1", "old 2", "new 1");
  }

  @Test
  void holdsAPartialLastLineUntilItsNewlineArrives() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = follow(log, null, true)) {
      append(log, "first\nsec");
      f.poll();
      assertThat(lines).containsExactly("first");
      append(log, "ond\r\nthird\n");
      f.poll();
    }
    assertThat(lines).containsExactly("first", "second", "third");
  }

  @Test
  void followsRenameAndCreateRotationWithoutLosingLines() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = follow(log, null, true)) {
      append(log, "a\nb\n");
      f.poll();
      append(log, "c\nlast-without-newline");
      Files.move(log, dir.resolve("mail.log.1"));
      f.poll(); // new file not there yet
      append(log, "d\n");
      f.poll();
      append(log, "e\n");
      f.poll();
    }
    assertThat(lines).containsExactly("a", "b", "c", "last-without-newline", "d", "e");
  }

  @Test
  void followsCopyTruncateRotation() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = follow(log, null, true)) {
      append(log, "one\ntwo\n");
      f.poll();
      Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
      append(log, "x\n");
      f.poll();
    }
    assertThat(lines).containsExactly("one", "two", "x");
  }

  @Test
  void copyTruncateWithRegrowthPastTheOldOffsetBeforeThePollLosesNothing() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = follow(log, null, true)) {
      append(log, numbered("old", 0, 59));
      f.poll();
      append(log, numbered("old", 59, 200)); // not yet polled when logrotate runs
      copyTruncate(log, dir.resolve("mail.log.1"));
      append(log, numbered("new", 0, 300)); // regrows far past the old offset
      f.poll();
      f.poll();
    }
    List<String> all = new ArrayList<>(expected("old", 0, 200));
    all.addAll(expected("new", 0, 300));
    assertThat(lines).containsExactlyElementsOf(all);
    assertThat(reports).anyMatch(r -> r.contains("copytruncate") && r.contains("mail.log.1"));
  }

  @Test
  void truncationWithoutACopyIsReportedAndNoHalfLineIsHandedOn() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = follow(log, null, true)) {
      append(log, numbered("old", 0, 10));
      f.poll();
      Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
      append(log, numbered("new", 0, 50));
      f.poll();
    }
    List<String> all = new ArrayList<>(expected("old", 0, 10));
    all.addAll(expected("new", 0, 50));
    assertThat(lines).containsExactlyElementsOf(all);
    assertThat(reports).anyMatch(r -> r.contains("was truncated") && r.contains("lost"));
  }

  @Test
  void restartFromCheckpointNeitherLosesNorRepeatsLines() throws IOException {
    Path log = dir.resolve("mail.log");
    append(log, "1\n2\n");
    FilePosition at;
    try (FileFollower f = follow(log, null, true)) {
      f.poll();
      append(log, "3\npart");
      f.poll();
      at = f.position();
    }
    append(log, "ial\n4\n"); // written while the exporter was down
    try (FileFollower f = follow(log, at, false)) {
      f.poll();
    }
    assertThat(lines).containsExactly("1", "2", "3", "partial", "4");
  }

  @Test
  void downDuringRenameRotationReadsTheRestOfTheRotatedFileThenTheNewOne() throws IOException {
    Path log = dir.resolve("mail.log");
    append(log, numbered("a", 0, 5));
    FilePosition at;
    try (FileFollower f = follow(log, null, true)) {
      f.poll();
      at = f.position();
    }
    append(log, numbered("a", 5, 9)); // after the checkpoint, before the rotation
    Files.move(log, dir.resolve("mail.log.1"));
    append(log, numbered("b", 0, 3));
    try (FileFollower f = follow(log, at, false)) {
      f.poll();
      f.poll();
    }
    List<String> all = new ArrayList<>(expected("a", 0, 9));
    all.addAll(expected("b", 0, 3));
    assertThat(lines).containsExactlyElementsOf(all);
  }

  @Test
  void downDuringCopyTruncateReadsTheRestFromTheCopy() throws IOException {
    Path log = dir.resolve("mail.log");
    append(log, numbered("a", 0, 5));
    FilePosition at;
    try (FileFollower f = follow(log, null, true)) {
      f.poll();
      at = f.position();
    }
    append(log, numbered("a", 5, 9));
    copyTruncate(log, dir.resolve("mail.log.1"));
    append(log, numbered("b", 0, 30)); // longer than the old offset: size alone cannot tell
    try (FileFollower f = follow(log, at, false)) {
      f.poll();
      f.poll();
    }
    List<String> all = new ArrayList<>(expected("a", 0, 9));
    all.addAll(expected("b", 0, 30));
    assertThat(lines).containsExactlyElementsOf(all);
  }

  @Test
  void aCheckpointWhoseFileIsGoneIsReportedAndTheLogReadFromItsStart() throws IOException {
    Path log = dir.resolve("mail.log");
    append(log, "1\n");
    FilePosition at;
    try (FileFollower f = follow(log, null, true)) {
      f.poll();
      at = f.position();
    }
    Files.move(log, dir.resolve("mail.log.1.gz")); // compressed at once: not readable as the log
    append(log, "2\n");
    try (FileFollower f = follow(log, at, false)) {
      f.poll();
    }
    assertThat(lines).containsExactly("1", "2");
    assertThat(reports).anyMatch(r -> r.contains("are lost"));
  }

  @Test
  void aMissingOrDirectoryPathIsReportedOncePerChangeAndIsNotUp() throws IOException {
    Path log = dir.resolve("mail.log");
    try (FileFollower f = follow(log, null, true)) {
      assertThat(f.up()).isFalse();
      for (int i = 0; i < 5; i++) {
        f.poll();
      }
      Files.createDirectory(log);
      for (int i = 0; i < 5; i++) {
        f.poll();
      }
      assertThat(f.up()).isFalse();
      Files.delete(log);
      append(log, "hello\n");
      f.poll();
      f.poll();
      assertThat(f.up()).isTrue();
    }
    assertThat(lines).containsExactly("hello");
    assertThat(reports)
        .containsExactly(
            log + " is missing (waiting for it)",
            log + " is not a regular file",
            log + " is readable again");
  }

  @Test
  void readsABigBacklogInBoundedBatches() throws IOException {
    Path log = dir.resolve("mail.log");
    String line = "x".repeat(99) + "\n";
    append(log, line.repeat(3 * FileFollower.BATCH_BYTES / 100));
    try (FileFollower f = follow(log, null, true)) {
      int polls = 0;
      do {
        f.poll();
        polls++;
      } while (!f.caughtUp());
      assertThat(polls).isGreaterThanOrEqualTo(3);
    }
    assertThat(lines).hasSize(3 * FileFollower.BATCH_BYTES / 100);
  }

  @Test
  void cutsOverlongLinesWithoutBufferingThem() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = follow(log, null, true)) {
      append(log, "x".repeat(FileFollower.MAX_LINE + 1000) + "\nnext\n");
      while (lines.size() < 2) {
        f.poll();
      }
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).hasSize(FileFollower.MAX_LINE);
    assertThat(lines.get(1)).isEqualTo("next");
  }
}
