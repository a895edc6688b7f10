package io.github.smtpreply.input;

import io.github.smtpreply.logs.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a log file like {@code tail -F} and hands on complete lines only (a partial last line
 * waits for its newline).
 *
 * <p>A file is known by its key (inode) and a fingerprint of its first {@value #FINGERPRINT_BYTES}
 * bytes. Rename-and-create rotation: the old file is read to its end, then the new one from its
 * start. Copytruncate: a file that shrank, or whose first bytes changed (it regrew past the old
 * offset), was truncated; the rest of the old content is read from the rotated copy beside it
 * ({@code mail.log.1}, {@code mail.log-20240101}: a sibling whose name starts with the log's name
 * and whose first bytes match the fingerprint), then the log from its start. A restart from a
 * {@link FilePosition} does the same for what happened while the exporter was down.
 *
 * <p>Limits, all reported through the {@code report} callback when met: a rotated file that was
 * compressed or moved elsewhere, or a second rotation while down, cannot be found, and what was
 * appended to the old file after the last read is lost; a truncated file that regrew with the same
 * first bytes looks unchanged. Lines written by logrotate's copytruncate between its copy and its
 * truncation are in neither file.
 *
 * <p>Reads at most {@value #BATCH_BYTES} bytes a poll, so a caller can save a checkpoint after each
 * batch. Not thread-safe: one thread calls {@link #poll()}; {@link #up()} may be read from any.
 */
public final class FileFollower implements AutoCloseable {
  /** Longest line kept; the rest of a longer line is skipped (the line is still handed on, cut). */
  public static final int MAX_LINE = 1 << 20;

  /** Bytes at the start of a file that identify it, like Filebeat's fingerprint. */
  static final int FINGERPRINT_BYTES = 1024;

  static final int BATCH_BYTES = 1 << 20;

  /** What state the log's path is in. */
  enum State {
    UP("readable"),
    MISSING("missing"),
    NOT_A_FILE("not a regular file"),
    UNREADABLE("not readable");

    final String words;

    State(String words) {
      this.words = words;
    }
  }

  private final Path path;
  private final LineSink sink;
  private final Consumer<String> report;
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private byte[] partial = new byte[256];
  private int partialLength;
  private boolean skippingLongLine;

  /** Reads the log, or a rotated file whose rest is read first. */
  private FileChannel channel;

  private String fileKey;
  private final byte[] head = new byte[FINGERPRINT_BYTES];
  private int headLength;
  private String headHash = "";
  private int headHashLength;

  /** Offset just after the last complete line handed on. */
  private long committed;

  private long position;
  private boolean caughtUp = true;
  private volatile State state;

  /**
   * @param path the log file
   * @param start where a checkpoint left off, or {@code null} for none
   * @param fromBeginning with no checkpoint, start at the file's start instead of its end
   * @param sink receives each line
   * @param report receives a sentence for each change of the path's state and each loss
   */
  FileFollower(
      Path path, FilePosition start, boolean fromBeginning, LineSink sink, Consumer<String> report)
      throws IOException {
    this.path = path;
    this.sink = sink;
    this.report = report;
    this.state = stateOf(path);
    if (state != State.UP) {
      report.accept(path + " is " + state.words + " (waiting for it)");
    }
    if (start != null) {
      resume(start);
    } else if (state == State.UP) {
      open(path);
      position = fromBeginning ? 0 : channel.size();
      committed = position;
      readHead();
    }
  }

  private void resume(FilePosition start) throws IOException {
    for (Path candidate : candidates(start)) {
      if (matches(candidate, start)) {
        open(candidate);
        position = start.offset();
        committed = position;
        readHead();
        if (!candidate.equals(path)) {
          report.accept(
              path + " was rotated while the exporter was down: reading the rest of " + candidate);
        }
        return;
      }
    }
    report.accept(
        path
            + " is not the file of the checkpoint, and no file beside it starts like that one: "
            + "lines written to the old file after the checkpoint are lost; reading "
            + path
            + " from its start");
    if (state == State.UP) {
      open(path);
    }
  }

  /** Where the lines handed on so far end, or {@code null} before any file was opened. */
  FilePosition position() {
    if (fileKey == null) {
      return null;
    }
    if (headHashLength != headLength) {
      headHash = sha256(head, headLength);
      headHashLength = headLength;
    }
    return new FilePosition(fileKey, committed, headLength, headHash);
  }

  /** True while the log's path is a readable file. */
  public boolean up() {
    return state == State.UP;
  }

  /** True if the last poll stopped at the end of the file rather than at the batch size. */
  boolean caughtUp() {
    return caughtUp;
  }

  /** Reads what is new, at most {@value #BATCH_BYTES} bytes; returns the lines handed on. */
  public int poll() throws IOException {
    updateState();
    if (channel == null) {
      if (state != State.UP) {
        return 0;
      }
      open(path);
    }
    String currentKey = state == State.UP ? keyOf(path) : null;
    if (fileKey.equals(currentKey) && truncated()) {
      return recoverTruncation(); // before reading on: what is past the old offset is new content
    }
    int lines = drain();
    if (!caughtUp || currentKey == null) {
      return lines; // behind, or rotated away and the new file not there yet: keep waiting
    }
    if (!currentKey.equals(fileKey)) {
      // The file read is no longer the log (rename-and-create rotation, or the rotated file of a
      // restart): read to its end, a last line without newline is complete.
      lines += flushPartial();
      channel.close();
      open(path);
      lines += drain();
    }
    return lines;
  }

  private int recoverTruncation() throws IOException {
    partialLength = 0;
    skippingLongLine = false;
    FilePosition was = position();
    for (Path candidate : candidates(was)) {
      if (!candidate.equals(path) && matches(candidate, was)) {
        report.accept(path + " was truncated (copytruncate): reading its rest from " + candidate);
        channel.close();
        open(candidate);
        position = was.offset();
        committed = position;
        readHead();
        return drain();
      }
    }
    if (was.fingerprintLength() > 0) {
      report.accept(
          path
              + " was truncated and no file beside it starts like the old content: what was"
              + " appended after byte "
              + was.offset()
              + " and not yet read is lost; reading from its start");
    }
    position = 0;
    committed = 0;
    headLength = 0;
    return drain();
  }

  /** Same key: the file shrank below what was read, or its first bytes are no longer those read. */
  private boolean truncated() throws IOException {
    if (channel.size() < position) {
      return true;
    }
    if (headLength == 0) {
      return false;
    }
    ByteBuffer now = ByteBuffer.allocate(headLength);
    while (now.hasRemaining() && channel.read(now, now.position()) > 0) {
      // reads until full or end of file
    }
    return now.hasRemaining() || !Arrays.equals(now.array(), 0, headLength, head, 0, headLength);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  /** The log itself if it is still the file of the checkpoint, then the files beside it. */
  private List<Path> candidates(FilePosition at) throws IOException {
    List<Path> sameKey = new ArrayList<>();
    List<Path> others = new ArrayList<>();
    if (at.fileKey().equals(keyOf(path))) {
      sameKey.add(path);
    }
    Path dir = path.toAbsolutePath().getParent();
    String name = path.getFileName().toString();
    if (dir != null && Files.isDirectory(dir)) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, name + "[.-]*")) {
        for (Path p : stream) {
          String n = p.getFileName().toString();
          if (COMPRESSED.matcher(n).matches() || !Files.isRegularFile(p)) {
            continue; // compressed: its bytes are not the log's
          }
          (at.fileKey().equals(keyOf(p)) ? sameKey : others).add(p);
        }
      }
    }
    List<Path> all = new ArrayList<>(sameKey);
    all.addAll(others);
    if (!sameKey.contains(path)) {
      all.add(path);
    }
    return all;
  }

  /** The file is at least as long as the offset and starts with the fingerprinted bytes. */
  /** A rotated copy that was compressed: its lines cannot be read. */
  private static final java.util.regex.Pattern COMPRESSED =
      java.util.regex.Pattern.compile(".*\\.(gz|bz2|xz|zst|lz4|Z|zip)$");

  private static boolean matches(Path file, FilePosition at) {
    if (at.fingerprintLength() == 0 && at.offset() > 0 && !at.fileKey().equals(keyOf(file))) {
      return false; // a version 1 checkpoint has no fingerprint: only the same file will do
    }
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      if (c.size() < at.offset() || c.size() < at.fingerprintLength()) {
        return false;
      }
      ByteBuffer first = ByteBuffer.allocate(at.fingerprintLength());
      while (first.hasRemaining() && c.read(first, first.position()) > 0) {
        // reads until full
      }
      return !first.hasRemaining()
          && sha256(first.array(), at.fingerprintLength()).equals(at.fingerprint());
    } catch (IOException e) {
      return false;
    }
  }

  private void open(Path file) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.READ);
    fileKey = keyOf(file);
    if (fileKey == null) {
      channel.close();
      channel = null;
      throw new IOException(file + " vanished while being opened");
    }
    position = 0;
    committed = 0;
    headLength = 0;
  }

  /** Loads the first bytes of a file opened at an offset, for {@link #truncated()}. */
  private void readHead() throws IOException {
    ByteBuffer first = ByteBuffer.wrap(head, 0, (int) Math.min(FINGERPRINT_BYTES, position));
    while (first.hasRemaining() && channel.read(first, first.position()) > 0) {
      // reads until full
    }
    headLength = first.position();
  }

  private int drain() throws IOException {
    int lines = 0;
    long budget = BATCH_BYTES;
    caughtUp = false;
    while (budget > 0) {
      buffer.clear();
      buffer.limit((int) Math.min(buffer.capacity(), budget));
      int n = channel.read(buffer, position);
      if (n <= 0) {
        caughtUp = true;
        return lines;
      }
      byte[] bytes = buffer.array();
      if (position == headLength && headLength < FINGERPRINT_BYTES) {
        int k = Math.min(n, FINGERPRINT_BYTES - headLength);
        System.arraycopy(bytes, 0, head, headLength, k);
        headLength += k;
      }
      position += n;
      budget -= n;
      int start = 0;
      for (int i = Bytes.indexOf(bytes, 0, n, (byte) '\n');
          i >= 0;
          i = Bytes.indexOf(bytes, i + 1, n, (byte) '\n')) {
        if (partialLength == 0 && !skippingLongLine) {
          emit(bytes, start, i); // whole in the buffer: handed on without a copy
        } else {
          append(bytes, start, i);
          emit();
        }
        lines++;
        committed = position - n + i + 1;
        start = i + 1;
      }
      append(bytes, start, n);
    }
    return lines;
  }

  private int flushPartial() {
    if (partialLength == 0 && !skippingLongLine) {
      return 0;
    }
    emit();
    committed = position;
    return 1;
  }

  private void append(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length <= 0) {
      return;
    }
    if (partialLength + length > MAX_LINE) {
      length = Math.max(0, MAX_LINE - partialLength);
      skippingLongLine = true;
    }
    if (partialLength + length > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
    }
    System.arraycopy(bytes, from, partial, partialLength, length);
    partialLength += length;
  }

  private void emit() {
    int end = partialLength;
    partialLength = 0;
    skippingLongLine = false;
    emit(partial, 0, end);
  }

  private void emit(byte[] bytes, int from, int to) {
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    sink.accept(bytes, from, to);
  }

  private void updateState() {
    State now = stateOf(path);
    if (now != state) {
      report.accept(path + (now == State.UP ? " is readable again" : " is " + now.words));
      state = now;
    }
  }

  private static State stateOf(Path path) {
    if (!Files.exists(path)) {
      return State.MISSING;
    }
    if (!Files.isRegularFile(path)) {
      return State.NOT_A_FILE;
    }
    return Files.isReadable(path) ? State.UP : State.UNREADABLE;
  }

  private static String keyOf(Path path) {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return Objects.toString(key, path.toRealPath().toString());
    } catch (IOException e) {
      return null;
    }
  }

  private static String sha256(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
