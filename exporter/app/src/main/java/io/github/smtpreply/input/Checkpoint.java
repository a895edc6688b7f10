package io.github.smtpreply.input;

import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.Stage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an input has done so far, as one file: where its log follower stands (or which Maildir
 * messages it has read) and everything it has counted. Written after each batch, atomically (temp
 * file, fsync, rename, fsync of the folder), so a crash at any point leaves a checkpoint whose
 * position and counts belong together.
 *
 * <p>The file is text, one record a line, tab-separated:
 *
 * <pre>
 * smtp-reply-checkpoint 2
 * file  KEY OFFSET FINGERPRINT_LENGTH FINGERPRINT
 * seen  MESSAGE_NAME
 * count NAME N
 * reply CODE STATUS CLASS REASON STAGE ROUTE N
 * </pre>
 *
 * A checkpoint of version 1 (a bare {@code KEY OFFSET} line, or one Maildir name a line) is still
 * read, with no counts.
 *
 * @param position where the log follower stands, or {@code null} for a Maildir
 * @param seen the Maildir messages already read
 */
record Checkpoint(
    FilePosition position, Set<String> seen, Map<String, Long> counts, Map<Series, Long> replies) {
  static final String HEADER = "smtp-reply-checkpoint 2";

  Checkpoint {
    seen = Set.copyOf(seen);
    counts = Map.copyOf(counts);
    replies = Map.copyOf(replies);
  }

  /** The counts as a tally to continue from. */
  Tally tally() {
    return Tally.of(counts, replies);
  }

  /**
   * Reads a checkpoint; empty if there is none.
   *
   * @throws IOException if the file cannot be read or is not a checkpoint: the message names the
   *     file and says how to start over
   */
  static Optional<Checkpoint> read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IOException(problem(file, e.toString()), e);
    }
    try {
      return Optional.of(
          !lines.isEmpty() && lines.get(0).equals(HEADER) ? parse(lines) : legacy(lines));
    } catch (IllegalArgumentException e) { // NumberFormatException too
      throw new IOException(problem(file, e.getMessage()), e);
    }
  }

  private static String problem(Path file, String what) {
    return "checkpoint "
        + file
        + " is unreadable ("
        + what
        + "); move it away to start this input afresh";
  }

  private static Checkpoint parse(List<String> lines) {
    FilePosition position = null;
    Set<String> seen = new LinkedHashSet<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<Series, Long> replies = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("seen\t")) {
        seen.add(line.substring(5));
        continue;
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "file" -> {
          expect(f, 5, i);
          position = new FilePosition(f[1], number(f[2]), Math.toIntExact(number(f[3])), f[4]);
        }
        case "count" -> {
          expect(f, 3, i);
          counts.put(f[1], number(f[2]));
        }
        case "reply" -> {
          expect(f, 8, i);
          replies.put(
              new Series(
                  f[1],
                  f[2],
                  ReplyClass.valueOf(f[3]),
                  Reason.valueOf(f[4]),
                  Stage.valueOf(f[5]),
                  f[6]),
              number(f[7]));
        }
        case "" -> {
          // a blank line
        }
        default -> throw new IllegalArgumentException("line " + (i + 1) + " is '" + f[0] + "'");
      }
    }
    return new Checkpoint(position, seen, counts, replies);
  }

  private static Checkpoint legacy(List<String> lines) {
    if (lines.size() == 1 && lines.get(0).split("\t").length == 2) {
      String[] f = lines.get(0).strip().split("\t");
      return new Checkpoint(
          new FilePosition(f[0], number(f[1]), 0, ""), Set.of(), Map.of(), Map.of());
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        seen.add(line.strip());
      }
    }
    return new Checkpoint(null, seen, Map.of(), Map.of());
  }

  private static void expect(String[] fields, int n, int line) {
    if (fields.length != n) {
      throw new IllegalArgumentException(
          "line " + (line + 1) + " has " + fields.length + " fields, not " + n);
    }
  }

  private static long number(String text) {
    long n = Long.parseLong(text);
    if (n < 0) {
      throw new IllegalArgumentException("negative number " + n);
    }
    return n;
  }

  void write(Path file) throws IOException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    if (position != null) {
      out.append("file\t")
          .append(position.fileKey())
          .append('\t')
          .append(position.offset())
          .append('\t')
          .append(position.fingerprintLength())
          .append('\t')
          .append(position.fingerprint())
          .append('\n');
    }
    for (String name : seen) {
      out.append("seen\t").append(name).append('\n');
    }
    counts.forEach((k, v) -> out.append("count\t").append(k).append('\t').append(v).append('\n'));
    replies.forEach(
        (s, v) ->
            out.append(
                String.join(
                        "\t",
                        "reply",
                        s.code(),
                        s.status(),
                        s.replyClass().name(),
                        s.reason().name(),
                        s.stage().name(),
                        s.route(),
                        Long.toString(v))
                    + "\n"));
    writeAtomically(file, out.toString());
  }

  /**
   * Writes {@code content} to {@code file} through a temp file that is forced to disk before it is
   * renamed over the old one, and forces the folder, so that after a crash or power loss the file
   * is the old or the new content, never a mix or empty.
   */
  static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent())) {
      dir.force(true);
    } catch (IOException e) {
      // Some systems cannot open a folder for reading; the rename is still atomic there.
    }
  }
}
