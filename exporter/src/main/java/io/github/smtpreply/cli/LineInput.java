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
 * skipped, never buffered, and the line is reported as cut.
 */
final class LineInput implements AutoCloseable {
  static final int MAX_LINE = 1 << 20;

  private final Reader reader;
  private final StringBuilder line = new StringBuilder(256);
  private boolean cut;
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
    cut = false;
    int c;
    boolean any = false;
    while ((c = reader.read()) >= 0) {
      any = true;
      if (c == '\n') {
        break;
      }
      if (line.length() < MAX_LINE) {
        line.append((char) c);
      } else {
        cut = true;
      }
    }
    if (c < 0) {
      eof = true;
      if (!any) {
        return null;
      }
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  /** True if the line last returned was longer than {@link #MAX_LINE} and was cut. */
  boolean wasCut() {
    return cut;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
