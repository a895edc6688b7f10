package io.github.smtpreply.bounce;

import java.util.Arrays;
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
   * Yahoo), an ellipsis (Sendmail), a comment in parentheses (Exim) or brackets, or "on DATE"
   * (Exchange).
   */
  private static final Pattern RECIPIENT_LINE =
      Pattern.compile(
          "[<\"]?(?:mailto:)?([^\\s<>()\\[\\]:;@,\"']+@[A-Za-z0-9\\[][A-Za-z0-9.\\-\\]]*[A-Za-z0-9\\]])[>\"]?"
              + "(?:\\s*|\\s*:(.*)|\\s*\\.{3}(.*)|\\s+([(\\[].*)|\\s+on\\s.*)");

  /**
   * The start of a session transcript line that names a recipient: the direction marker of Sendmail
   * and InterScan ({@code <<<}, {@code Received >>>}), a RCPT command, or a reply code (group 1)
   * with its status.
   */
  private static final Pattern TRANSCRIPT =
      Pattern.compile(
          "(?:(?:sent|received)?\\s*(?:<<<|>>>)\\s*)?(?:rcpt to:\\s*)?"
              + "([245]\\d\\d(?:[ -][245]\\.\\d{1,3}\\.\\d{1,3})?\\s+)?",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern QUOTED_REPLY = Pattern.compile("[245]\\d\\d[ -]");

  /** "Some words: rest": a labelled line, such as "To: a@b" or "Unknown user: a@b". */
  private static final Pattern LABEL = Pattern.compile("([A-Za-z][A-Za-z \\-]{0,39}):\\s*(.+)");

  private static final Pattern HEADER_FIELD =
      Pattern.compile("(?i)(message-id|subject|to):\\s*(.*)");

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

  /** The To field of the returned original quoted in the text, when present. */
  final String originalTo;

  private TextScan(
      String format,
      boolean delayed,
      String region,
      String preamble,
      Map<String, String> blocks,
      String originalMessageId,
      String originalSubject,
      String originalTo) {
    this.format = format;
    this.delayed = delayed;
    this.region = region;
    this.preamble = preamble;
    this.blocks = blocks;
    this.originalMessageId = originalMessageId;
    this.originalSubject = originalSubject;
    this.originalTo = originalTo;
  }

  /**
   * Scans {@code text}; {@code sender} (the bounce's own addressee, who sent the original) is never
   * taken for a failed recipient, as a transcript names it in the MAIL command and its reply.
   */
  static TextScan of(String text, String sender) {
    Markers markers = Markers.STANDARD;
    long[] hits = markers.hits();
    long[] lineHits = markers.hits();
    String[] lines = text.lines().toArray(String[]::new);
    int end = lines.length;
    for (int n = 0; n < lines.length; n++) {
      Arrays.fill(lineHits, 0L);
      markers.matcher.scan(lines[n], 0, lines[n].length(), lineHits);
      if (markers.any(lineHits, Markers.Kind.ORIGINAL)) {
        end = n;
        break;
      }
      for (int w = 0; w < hits.length; w++) {
        hits[w] |= lineHits[w];
      }
    }
    // Lines that name a recipient: the strong forms where there are any, else the weak ones.
    Named[] named = new Named[end];
    boolean strong = false;
    for (int n = 0; n < end; n++) {
      named[n] = recipientOf(lines[n].strip(), markers);
      if (named[n] != null
          && named[n].transcript()
          && named[n].address().equalsIgnoreCase(sender)) {
        // The MAIL command of a transcript and its reply name the sender, not a recipient.
        named[n] = null;
      }
      strong |= named[n] != null && !named[n].weak();
    }
    Map<String, StringBuilder> blocks = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    StringBuilder preamble = new StringBuilder();
    StringBuilder current = null;
    for (int n = 0; n < end; n++) {
      Named recipient = named[n];
      if (recipient != null && (!recipient.weak() || !strong)) {
        String address =
            keys.computeIfAbsent(
                recipient.address().toLowerCase(Locale.ROOT), k -> recipient.address());
        current = blocks.computeIfAbsent(address, a -> new StringBuilder());
        append(current, recipient.text());
      } else {
        append(current != null ? current : preamble, lines[n].strip());
      }
    }
    String messageId = null;
    String subject = null;
    String to = null;
    for (int n = end; n < lines.length && n < end + 400; n++) {
      Matcher m = HEADER_FIELD.matcher(lines[n]);
      if (m.matches()) {
        if (messageId == null && m.group(1).equalsIgnoreCase("message-id")) {
          messageId = m.group(2).strip();
        } else if (subject == null && m.group(1).equalsIgnoreCase("subject")) {
          subject = m.group(2).strip();
        } else if (to == null && m.group(1).equalsIgnoreCase("to")) {
          to = m.group(2).strip();
        }
      }
    }
    Map<String, String> texts = new LinkedHashMap<>();
    blocks.forEach((address, block) -> texts.put(address, block.toString().strip()));
    String region = String.join("\n", Arrays.asList(lines).subList(0, end));
    return new TextScan(
        markers.format(hits),
        markers.any(hits, Markers.Kind.DELAYED),
        region,
        preamble.toString().strip(),
        texts,
        emptyToNull(messageId),
        emptyToNull(subject),
        emptyToNull(to));
  }

  /**
   * The text with one level of "> " quoting removed when most of its lines are quoted: a bounce
   * forwarded inline by a mail client. Otherwise the text as it is.
   */
  static String unquoted(String text) {
    // Counted in place: most texts are not quoted, and then nothing is copied.
    int quoted = 0;
    int nonBlank = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      for (int i = start; i < end; i++) {
        if (!Character.isWhitespace(text.charAt(i))) {
          nonBlank++;
          quoted += text.charAt(start) == '>' ? 1 : 0;
          break;
        }
      }
      start = end + 1;
    }
    if (nonBlank == 0 || quoted * 2 < nonBlank) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.lines()
        .forEach(
            line -> {
              int cut = line.startsWith("> ") ? 2 : line.startsWith(">") ? 1 : 0;
              out.append(line, cut, line.length()).append('\n');
            });
    return out.toString();
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

  /**
   * A line that names a recipient.
   *
   * @param address the address as written
   * @param text what the line says about it
   * @param weak true for a "words: address" line with an unknown label, such as "To: address",
   *     which counts only when no line names a recipient in a stronger form (the address leading
   *     the line, or after a prefix such as "Failed recipient:")
   * @param transcript true for a line of an SMTP session transcript (a command or a reply)
   */
  record Named(String address, String text, boolean weak, boolean transcript) {}

  /** What {@code line} says about a recipient, or null when it names none. */
  static Named recipientOf(String line, Markers markers) {
    if (line.isEmpty() || line.indexOf('@') < 0) {
      return null;
    }
    String rest = line;
    String weak = null;
    String lower = line.toLowerCase(Locale.ROOT);
    boolean prefixed = false;
    for (String prefix : markers.recipientPrefixes) {
      if (lower.startsWith(prefix)) {
        rest = line.substring(prefix.length()).strip();
        prefixed = true;
        break;
      }
    }
    if (!prefixed) {
      Matcher label = LABEL.matcher(line);
      if (label.matches()) {
        String name = label.group(1).toLowerCase(Locale.ROOT).strip();
        if (markers.notRecipientLabels.contains(name)) {
          return null;
        }
        weak = name;
        rest = label.group(2);
      }
    }
    Matcher transcript = TRANSCRIPT.matcher(rest);
    boolean replyLine = false;
    boolean inTranscript = false;
    if (weak == null && transcript.lookingAt() && transcript.end() > 0) {
      replyLine = transcript.group(1) != null;
      inTranscript = true;
      rest = rest.substring(transcript.end());
    }
    Matcher m = RECIPIENT_LINE.matcher(rest);
    if (!m.matches()) {
      return null;
    }
    String tail = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
    // A reply line of a transcript ("550 <a@b>... User unknown") is the diagnostic itself, unless
    // it quotes the remote server's own reply ("554 <a@b>... 550 Host unknown").
    String text = tail == null ? "" : tail.strip();
    if ((replyLine && !QUOTED_REPLY.matcher(text).lookingAt()) || weak != null) {
      // A labelled line's label is its diagnostic ("Invalid final delivery userid: a@b").
      text = line;
    }
    return new Named(m.group(1), text, weak != null, inTranscript);
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
