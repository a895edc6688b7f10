package io.github.smtpreply.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of UTF-8 text (malformed bytes become U+FFFD, so binary input is read, not fatal),
 * keeping at most {@link #MAX_LINE} characters of each line: the rest of an over-long line is
 * skipped, never buffered.
 */
final class LineInput implements AutoCloseable {
  static final int MAX_LINE = 1 << 20;

  private final Reader reader;
  private final char[] buffer = new char[64 * 1024];
  private int next;
  private int limit;
  private final StringBuilder line = new StringBuilder(256);
  private boolean eof;

  LineInput(InputStream in) {
    this.reader =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /** The next line without its terminator (CR LF or LF), or {@code null} at the end. */
  String next() throws IOException {
    if (eof) {
      return null;
    }
    line.setLength(0);
    boolean any = false;
    while (true) {
      if (next >= limit) {
        limit = reader.read(buffer, 0, buffer.length);
        next = 0;
        if (limit <= 0) {
          limit = 0;
          eof = true;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int start = next;
      while (next < limit && buffer[next] != '\n') {
        next++;
      }
      int room = MAX_LINE - line.length();
      int length = next - start;
      if (length > room) {
        length = Math.max(room, 0);
      }
      line.append(buffer, start, length);
      if (next < limit) {
        next++; // the newline
        break;
      }
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
