package io.github.smtpreply.bounce;

import jakarta.mail.internet.SharedInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message's bytes as Jakarta Mail reads them: what {@code SharedByteArrayInputStream} does,
 * without its lock. Jakarta's header and multipart parsers call {@link #read()} once per byte, and
 * the inherited synchronized read cost about a lock round trip per byte of every message. Not
 * thread-safe; each stream is read by the one thread that parses the message.
 */
final class ByteSource extends InputStream implements SharedInputStream {
  private final byte[] buf;
  private final int start;
  private final int end;
  private int pos;
  private int mark;

  ByteSource(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ByteSource(byte[] buf, int start, int end) {
    this.buf = buf;
    this.start = start;
    this.end = Math.min(end, buf.length);
    this.pos = Math.min(start, this.end);
    this.mark = pos;
  }

  @Override
  public int read() {
    return pos < end ? buf[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (pos >= end) {
      return -1;
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** One copy of the bytes wanted: the inherited method reads them in chunks and joins those. */
  @Override
  public byte[] readNBytes(int len) {
    if (len < 0) {
      throw new IllegalArgumentException("len < 0");
    }
    int n = Math.min(len, end - pos);
    byte[] bytes = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return bytes;
  }

  @Override
  public byte[] readAllBytes() {
    return readNBytes(Integer.MAX_VALUE);
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, end - pos));
    pos += (int) k;
    return k;
  }

  @Override
  public int available() {
    return end - pos;
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public void mark(int readLimit) {
    mark = pos;
  }

  @Override
  public void reset() {
    pos = mark;
  }

  @Override
  public long getPosition() {
    return pos - start;
  }

  @Override
  public InputStream newStream(long from, long to) {
    if (from < 0) {
      throw new IllegalArgumentException("start < 0");
    }
    long stop = to == -1 ? end - start : to;
    return new ByteSource(buf, start + (int) from, start + (int) stop);
  }
}
