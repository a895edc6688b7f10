package io.github.smtpreply.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Follows a log file like {@code tail -F}: reads what is appended, hands on complete lines only (a
 * partial last line waits for its newline), survives rename-and-create rotation (the old file is
 * read to its end before the new one is opened) and copytruncate (a file that shrank is read again
 * from its start), and keeps a checkpoint so a restart neither loses nor repeats lines.
 *
 * <p>Not thread-safe: one thread calls {@link #poll()} repeatedly.
 */
public final class FileFollower implements AutoCloseable {
  /** Longest line kept; the rest of a longer line is skipped (the line is still handed on, cut). */
  public static final int MAX_LINE = 1 << 20;

  private final Path path;
  private final Path checkpointFile;
  private final LineSink sink;
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private byte[] partial = new byte[256];
  private int partialLength;
  private boolean skippingLongLine;
  private FileChannel channel;
  private String fileKey;

  /** Offset just after the last complete line handed on. */
  private long committed;

  private long position;

  /**
   * @param path the log file
   * @param checkpointFile where to keep the checkpoint, or {@code null} for none
   * @param fromBeginning with no usable checkpoint, start at the file's start instead of its end
   * @param sink receives each line
   */
  public FileFollower(Path path, Path checkpointFile, boolean fromBeginning, LineSink sink)
      throws IOException {
    this.path = path;
    this.checkpointFile = checkpointFile;
    this.sink = sink;
    if (Files.exists(path)) {
      open();
      long size = channel.size();
      var saved =
          checkpointFile == null
              ? java.util.Optional.<Checkpoint>empty()
              : Checkpoint.read(checkpointFile);
      if (saved.isPresent()
          && saved.get().fileKey().equals(fileKey)
          && saved.get().offset() <= size) {
        position = saved.get().offset();
      } else if (saved.isPresent()) {
        position = 0; // a different file than at the checkpoint: it was rotated while we were away
      } else {
        position = fromBeginning ? 0 : size;
      }
      committed = position;
    }
  }

  /** Reads whatever is new; returns the number of lines handed on. */
  public int poll() throws IOException {
    int lines = 0;
    if (channel == null) {
      if (!Files.exists(path)) {
        return 0;
      }
      open();
      position = 0;
      committed = 0;
    }
    lines += drain();
    String currentKey = keyOf(path);
    if (currentKey == null) {
      return lines; // rotated away, new file not there yet: keep waiting
    }
    if (!currentKey.equals(fileKey)) {
      // Rename-and-create: the old file is read to its end above; a last line without newline is
      // complete now. Continue with the new file from its start.
      lines += drain();
      lines += flushPartial();
      channel.close();
      open();
      position = 0;
      committed = 0;
      lines += drain();
    } else if (channel.size() < position) {
      // copytruncate: the file was emptied in place and may already hold new lines.
      partialLength = 0;
      skippingLongLine = false;
      position = 0;
      committed = 0;
      lines += drain();
    }
    return lines;
  }

  /** Writes the checkpoint now (callers do so periodically and on shutdown). */
  public void saveCheckpoint() throws IOException {
    if (checkpointFile != null && fileKey != null) {
      new Checkpoint(fileKey, committed).write(checkpointFile);
    }
  }

  @Override
  public void close() throws IOException {
    saveCheckpoint();
    if (channel != null) {
      channel.close();
    }
  }

  private void open() throws IOException {
    channel = FileChannel.open(path, StandardOpenOption.READ);
    fileKey = keyOf(path);
  }

  private int drain() throws IOException {
    int lines = 0;
    while (true) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        return lines;
      }
      position += n;
      byte[] bytes = buffer.array();
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          append(bytes, start, i);
          emit();
          lines++;
          committed = position - n + i + 1;
          start = i + 1;
        }
      }
      append(bytes, start, n);
    }
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
      partial =
          java.util.Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
    }
    System.arraycopy(bytes, from, partial, partialLength, length);
    partialLength += length;
  }

  private void emit() {
    int end = partialLength;
    if (end > 0 && partial[end - 1] == '\r') {
      end--;
    }
    String line = new String(partial, 0, end, StandardCharsets.UTF_8);
    partialLength = 0;
    skippingLongLine = false;
    sink.accept(line);
  }

  private static String keyOf(Path path) {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return Objects.toString(key, path.toRealPath().toString());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
