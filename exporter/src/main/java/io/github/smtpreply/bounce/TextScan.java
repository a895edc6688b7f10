package io.github.smtpreply.bounce;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the human-readable text of a bounce: where the returned original starts, which format the
 * text follows, and for each recipient named at the start of a line the text that follows it up to
 * the next recipient. The same address named twice (a list, then a transcript) gets one block.
 */
final class TextScan {
  /** Characters of a block kept at most: a diagnostic is rarely more than a few lines. */
  static final int MAX_BLOCK = 4096;

  /**
   * A recipient line: an address at the start, alone or followed by a colon (qmail, Postfix,
   * Yahoo), an ellipsis (Sendmail), a comment in parentheses (Exim) or "on DATE" (Exchange).
   */
  private static final Pattern RECIPIENT_LINE =
      Pattern.compile(
          "<?(?:mailto:)?([^\\s<>()\\[\\]:;@,\"']+@[A-Za-z0-9\\[][A-Za-z0-9.\\-\\]]*[A-Za-z0-9\\]])>?"
              + "(?:\\s*|\\s*:(.*)|\\.{3}(.*)|\\s+(\\(.*)|\\s+on\\s.*)");

  private static final Pattern HEADER_FIELD = Pattern.compile("(?i)(message-id|subject):\\s*(.*)");

  /** The format named by the text, {@code null} when no bounce phrase was found. */
  final String format;

  final boolean delayed;

  /** The text before the returned original, with the recipient blocks. */
  final String region;

  /** Text before the first recipient line. */
  final String preamble;

  /** Recipient address (as written) to the text about it, in order of first mention. */
  final Map<String, String> blocks;

  /** Message-ID and Subject of the returned original quoted in the text, when present. */
  final String originalMessageId;

  final String originalSubject;

  private TextScan(
      String format,
      boolean delayed,
      String region,
      String preamble,
      Map<String, String> blocks,
      String originalMessageId,
      String originalSubject) {
    this.format = format;
    this.delayed = delayed;
    this.region = region;
    this.preamble = preamble;
    this.blocks = blocks;
    this.originalMessageId = originalMessageId;
    this.originalSubject = originalSubject;
  }

  static TextScan of(String text) {
    Markers markers = Markers.STANDARD;
    long[] hits = markers.hits();
    String[] lines = text.split("\r?\n", -1);
    Map<String, StringBuilder> blocks = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    StringBuilder preamble = new StringBuilder();
    StringBuilder current = null;
    int end = lines.length;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      long[] lineHits = markers.hits();
      markers.matcher.scan(line, 0, line.length(), lineHits);
      if (markers.any(lineHits, Markers.Kind.ORIGINAL)) {
        end = n;
        break;
      }
      for (int w = 0; w < hits.length; w++) {
        hits[w] |= lineHits[w];
      }
      String[] recipient = recipientOf(line.strip(), markers);
      if (recipient != null) {
        String key = recipient[0].toLowerCase(Locale.ROOT);
        String address = keys.computeIfAbsent(key, k -> recipient[0]);
        current = blocks.computeIfAbsent(address, a -> new StringBuilder());
        append(current, recipient[1]);
      } else if (current != null) {
        append(current, line.strip());
      } else {
        append(preamble, line.strip());
      }
    }
    String messageId = null;
    String subject = null;
    for (int n = end; n < lines.length && n < end + 400; n++) {
      Matcher m = HEADER_FIELD.matcher(lines[n]);
      if (m.matches()) {
        if (messageId == null && m.group(1).equalsIgnoreCase("message-id")) {
          messageId = m.group(2).strip();
        } else if (subject == null && m.group(1).equalsIgnoreCase("subject")) {
          subject = m.group(2).strip();
        }
      }
    }
    Map<String, String> texts = new LinkedHashMap<>();
    blocks.forEach((address, block) -> texts.put(address, block.toString().strip()));
    String region = String.join("\n", java.util.Arrays.asList(lines).subList(0, end));
    return new TextScan(
        markers.format(hits),
        markers.any(hits, Markers.Kind.DELAYED),
        region,
        preamble.toString().strip(),
        texts,
        emptyToNull(messageId),
        emptyToNull(subject));
  }

  /** The text about {@code address} (case ignored), or null when the text does not name it. */
  String block(String address) {
    for (Map.Entry<String, String> e : blocks.entrySet()) {
      if (e.getKey().equalsIgnoreCase(address)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The address and the rest of the line if {@code line} names a recipient, else null. */
  static String[] recipientOf(String line, Markers markers) {
    if (line.isEmpty() || line.indexOf('@') < 0) {
      return null;
    }
    String rest = line;
    String lower = line.toLowerCase(Locale.ROOT);
    for (String prefix : markers.recipientPrefixes) {
      if (lower.startsWith(prefix)) {
        rest = line.substring(prefix.length()).strip();
        break;
      }
    }
    Matcher m = RECIPIENT_LINE.matcher(rest);
    if (!m.matches()) {
      return null;
    }
    String tail = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
    return new String[] {m.group(1), tail == null ? "" : tail.strip()};
  }

  private static void append(StringBuilder block, String text) {
    if (text.isEmpty() || block.length() >= MAX_BLOCK) {
      return;
    }
    if (block.length() > 0) {
      block.append('\n');
    }
    block.append(text, 0, Math.min(text.length(), MAX_BLOCK - block.length()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
