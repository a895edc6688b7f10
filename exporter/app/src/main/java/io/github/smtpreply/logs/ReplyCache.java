package io.github.smtpreply.logs;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.reply.ReplyFinder;
import java.util.Arrays;

/**
 * Classifications by the bytes of a reply text and of the {@code dsn=} Postfix logged beside it,
 * looked up without decoding them: real logs repeat the same reply texts thousands of times. A
 * fixed number of slots, each key in the slot its hash picks (a newer key replaces an older one
 * there), so memory is bounded. Not thread-safe.
 *
 * <p>The one volatile part of the most common reply, the id in {@code 250 2.0.0 Ok: queued as 4Xy9}
 * (every accepted message gets its own), is left out of the key, so that it hits the entry of every
 * other message the same server accepted: only in a 2xx reply, whose classification the classifier
 * takes from its code and status alone (reason none, no text scan), so the id cannot change it; the
 * caller puts this text in the classification found ({@link #normalised()}). In a 4xx or 5xx reply
 * the id stays in the key: "450 4.7.1 queued as SPAM" is classified by its words. The id is the run
 * of ASCII letters and digits right after the last {@code "queued as "}. Everything else of the
 * text is in the key, byte for byte. ReplyCacheTest compares cached with uncached classifications.
 */
final class ReplyCache {
  private static final byte[] QUEUED_AS =
      "queued as ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final byte[][] keys;
  private final Classification[] values;
  private final int mask;
  private byte[] scratch = new byte[256];
  private int scratchLength;
  private int scratchHash;
  private boolean normalised;

  /**
   * @param slots a power of two
   */
  ReplyCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    keys = new byte[slots][];
    values = new Classification[slots];
    mask = slots - 1;
  }

  /**
   * The classification of {@code b[textStart, textEnd)} with the dsn= in {@code b[dsnStart,
   * dsnEnd)} ({@code dsnStart} negative: none), or {@code null} if not kept; {@link #put} after a
   * miss keeps the classification for the same key.
   */
  Classification get(byte[] b, int textStart, int textEnd, int dsnStart, int dsnEnd) {
    key(b, textStart, textEnd, dsnStart, dsnEnd);
    int slot = scratchHash & mask;
    byte[] key = keys[slot];
    if (key == null || !Arrays.equals(key, 0, key.length, scratch, 0, scratchLength)) {
      return null;
    }
    return values[slot];
  }

  /**
   * True if the key of the last {@link #get} left a queue id out: a classification found for it
   * holds another message's text, and needs this one's ({@link
   * io.github.smtpreply.classify.Classification#text()}).
   */
  boolean normalised() {
    return normalised;
  }

  /**
   * A text that starts with a 2xx reply code ("250 ", "250-") and is shorter than what the
   * classifier scans: the classifier reads no more of such a text than its code and status (a
   * success has reason none whatever it says) and never marks it truncated.
   */
  private static boolean positive(byte[] b, int from, int to) {
    return to - from >= 4
        && to - from < ReplyFinder.MAX_SCAN
        && b[from] == '2'
        && isDigit(b[from + 1])
        && isDigit(b[from + 2])
        && (b[from + 3] == ' ' || b[from + 3] == '-');
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Keeps a classification under the key of the last {@link #get}, unless that key is longer than
   * {@link ParserMemory#MAX_TEXT} bytes: such texts are classified each time they come.
   */
  void put(Classification value) {
    if (scratchLength > ParserMemory.MAX_TEXT) {
      return;
    }
    int slot = scratchHash & mask;
    keys[slot] = Arrays.copyOf(scratch, scratchLength);
    values[slot] = value;
  }

  /**
   * Builds the key in {@link #scratch}: the text without the queue id, the dsn= (with whether there
   * was one), then the text's length and where the id was, so that no two different inputs share a
   * key unless they differ only in the id.
   */
  private void key(byte[] b, int textStart, int textEnd, int dsnStart, int dsnEnd) {
    int hole = positive(b, textStart, textEnd) ? queueIdAt(b, textStart, textEnd) : -1;
    normalised = hole >= 0;
    int holeEnd = hole;
    if (hole >= 0) {
      while (holeEnd < textEnd && isAlnum(b[holeEnd])) {
        holeEnd++;
      }
    }
    int dsnLength = dsnStart < 0 ? 0 : dsnEnd - dsnStart;
    int length = textEnd - textStart - (holeEnd - hole) + 1 + dsnLength + 8;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    int n;
    if (hole >= 0) {
      n = copy(b, textStart, hole, 0);
      n = copy(b, holeEnd, textEnd, n);
    } else {
      n = copy(b, textStart, textEnd, 0);
    }
    scratch[n++] = (byte) (dsnStart < 0 ? 0 : 1);
    if (dsnStart >= 0) {
      n = copy(b, dsnStart, dsnEnd, n);
    }
    n = putInt(n, textEnd - textStart - (holeEnd - hole));
    n = putInt(n, hole < 0 ? -1 : hole - textStart);
    scratchLength = n;
    // A sample of the key (equal keys are compared whole): about 24 bytes spread over it.
    int h = n;
    int step = Math.max(1, n >>> 4);
    for (int i = 0; i < n; i += step) {
      h = 31 * h + scratch[i];
    }
    for (int i = Math.max(0, n - 16); i < n; i++) {
      h = 31 * h + scratch[i];
    }
    scratchHash = h ^ h >>> 16;
  }

  /** Where the id after the last "queued as " starts, or -1 when there is none. */
  static int queueIdAt(byte[] b, int from, int to) {
    for (int i = to - QUEUED_AS.length - 1; i >= from; i--) {
      if (b[i] == 'q'
          && Arrays.equals(b, i, i + QUEUED_AS.length, QUEUED_AS, 0, QUEUED_AS.length)) {
        int id = i + QUEUED_AS.length;
        return isAlnum(b[id]) ? id : -1;
      }
    }
    return -1;
  }

  private static boolean isAlnum(byte c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private int copy(byte[] b, int from, int to, int at) {
    System.arraycopy(b, from, scratch, at, to - from);
    return at + to - from;
  }

  private int putInt(int at, int v) {
    scratch[at] = (byte) (v >>> 24);
    scratch[at + 1] = (byte) (v >>> 16);
    scratch[at + 2] = (byte) (v >>> 8);
    scratch[at + 3] = (byte) v;
    return at + 4;
  }
}
