package io.github.smtpreply.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a follower stopped: the file's identity (inode/file key) and the offset just after the last
 * complete line it handed on. Written atomically (temp file, then rename), so a crash leaves either
 * the old or the new checkpoint, never half of one.
 *
 * @param fileKey the file's identity as {@code BasicFileAttributes.fileKey()} prints it
 * @param offset bytes of the file already handed on
 */
public record Checkpoint(String fileKey, long offset) {

  public static Optional<Checkpoint> read(Path file) {
    try {
      String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split("\t");
      if (parts.length != 2) {
        return Optional.empty();
      }
      return Optional.of(new Checkpoint(parts[0], Long.parseLong(parts[1])));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public void write(Path file) throws IOException {
    writeAtomically(file, fileKey + "\t" + offset + "\n");
  }

  /** Writes {@code content} to {@code file} through a temp file and a rename. */
  static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
