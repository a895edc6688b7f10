package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFollowerTest {
  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();

  private void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void startsAtTheEndByDefaultAndFromTheStartWhenAsked() throws IOException {
    Path log = dir.resolve("mail.log");
    append(log, "old 1\nold 2\n");
    try (FileFollower f = new FileFollower(log, null, false, lines::add)) {
      append(log, "new 1\n");
      f.poll();
    }
    assertThat(lines).containsExactly("new 1");
    lines.clear();
    try (FileFollower f = new FileFollower(log, null, true, lines::add)) {
      f.poll();
    }
    assertThat(lines).containsExactly("old 1", "old 2", "new 1");
  }

  @Test
  void holdsAPartialLastLineUntilItsNewlineArrives() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = new FileFollower(log, null, true, lines::add)) {
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
    try (FileFollower f = new FileFollower(log, null, true, lines::add)) {
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
    try (FileFollower f = new FileFollower(log, null, true, lines::add)) {
      append(log, "one\ntwo\n");
      f.poll();
      Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
      append(log, "x\n");
      f.poll();
    }
    assertThat(lines).containsExactly("one", "two", "x");
  }

  @Test
  void restartFromCheckpointNeitherLosesNorRepeatsLines() throws IOException {
    Path log = dir.resolve("mail.log");
    Path checkpoint = dir.resolve("checkpoint");
    append(log, "1\n2\n");
    try (FileFollower f = new FileFollower(log, checkpoint, true, lines::add)) {
      f.poll();
      append(log, "3\npart");
      f.poll();
    }
    append(log, "ial\n4\n"); // written while the exporter was down
    try (FileFollower f = new FileFollower(log, checkpoint, false, lines::add)) {
      f.poll();
    }
    assertThat(lines).containsExactly("1", "2", "3", "partial", "4");
  }

  @Test
  void restartAfterRotationWhileDownReadsTheNewFileFromItsStart() throws IOException {
    Path log = dir.resolve("mail.log");
    Path checkpoint = dir.resolve("checkpoint");
    append(log, "1\n");
    try (FileFollower f = new FileFollower(log, checkpoint, true, lines::add)) {
      f.poll();
    }
    Files.move(log, dir.resolve("mail.log.1"));
    append(log, "2\n");
    try (FileFollower f = new FileFollower(log, checkpoint, false, lines::add)) {
      f.poll();
    }
    assertThat(lines).containsExactly("1", "2");
  }

  @Test
  void cutsOverlongLinesWithoutBufferingThem() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.createFile(log);
    try (FileFollower f = new FileFollower(log, null, true, lines::add)) {
      append(log, "x".repeat(FileFollower.MAX_LINE + 1000) + "\nnext\n");
      f.poll();
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).hasSize(FileFollower.MAX_LINE);
    assertThat(lines.get(1)).isEqualTo("next");
  }
}
