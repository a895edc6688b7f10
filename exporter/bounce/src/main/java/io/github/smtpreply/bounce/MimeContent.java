package io.github.smtpreply.bounce;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a message a bounce reader needs, taken apart with Angus Mail: the top-level headers,
 * the delivery-status and feedback-report parts, the human-readable text and the headers of the
 * returned original. Reading is bounded: nesting depth, number of parts and characters of text per
 * part are capped, and what was cut is recorded in {@link #problems} rather than thrown.
 */
final class MimeContent {
  static final int MAX_DEPTH = 8;
  static final int MAX_PARTS = 64;
  static final int MAX_TEXT_BYTES = 256 * 1024;
  static final int MAX_ATTACHED_BYTES = 1024 * 1024;
  static final int MAX_TOTAL_TEXT = 1024 * 1024;

  private static final Session SESSION = Session.getInstance(lenientParsing());

  /** A header field's name and colon (RFC 5322 §2.2: printable ASCII but the colon). */
  private static final Pattern HEADER_FIELD = Pattern.compile("([!-9;-~]+):");

  /** Fields that only a message's own header holds: its route and its identity. */
  private static final Set<String> TRACE_FIELDS = Set.of("received", "return-path", "message-id");

  /** Top-level header lines, {@code name: value}, unfolded and decoded. */
  final List<String> headers = new ArrayList<>();

  /** The text of each message/delivery-status or message/global-delivery-status part. */
  final List<String> deliveryStatus = new ArrayList<>();

  boolean globalDeliveryStatus;

  /** The text of the message/feedback-report part, or {@code null}. */
  String feedbackReport;

  /** The human-readable text parts, in order (HTML reduced to text when there is no plain text). */
  final List<String> texts = new ArrayList<>();

  /** Header lines of the returned original message (message/rfc822 or text/rfc822-headers). */
  final List<String> originalHeaders = new ArrayList<>();

  final List<String> problems = new ArrayList<>();

  /**
   * The first attached message (the returned original, or a forwarded bounce), at most {@link
   * #MAX_ATTACHED_BYTES}; {@code null} when none.
   */
  byte[] attached;

  private final List<String> htmlTexts = new ArrayList<>();
  private int parts;
  private int textChars;

  private MimeContent() {}

  /** Takes {@code raw} apart; never throws. */
  static MimeContent of(byte[] raw) {
    MimeContent content = new MimeContent();
    try {
      MimeMessage message = new MimeMessage(SESSION, new ByteSource(raw));
      content.addHeaders(message.getAllHeaders(), content.headers);
      content.walk(message, 0);
    } catch (MessagingException | IOException | RuntimeException e) {
      // Angus throws runtime exceptions on some malformed input; the text read so far still counts.
      content.problems.add("MIME structure not readable: " + e.getMessage());
    }
    if (content.texts.isEmpty()) {
      content.texts.addAll(content.htmlTexts);
    }
    if (content.texts.isEmpty()
        && content.deliveryStatus.isEmpty()
        && !content.problems.isEmpty()) {
      // The MIME structure is broken: read the body as plain text, so a bounce in it still counts.
      content.texts.add(rawBody(raw));
    }
    return content;
  }

  private void walk(Part part, int depth) throws MessagingException, IOException {
    if (++parts > MAX_PARTS) {
      if (parts == MAX_PARTS + 1) {
        problems.add("more than " + MAX_PARTS + " MIME parts; the rest were not read");
      }
      return;
    }
    // Parsed once: the base type, the boundary and the charset all come from it.
    ContentType contentType = contentType(part);
    String type = baseType(contentType);
    if (type.startsWith("multipart/")) {
      if (depth >= MAX_DEPTH) {
        problems.add(
            "MIME parts nested deeper than " + MAX_DEPTH + "; the inner ones were not read");
        return;
      }
      if (!hasBoundary(contentType)) {
        problems.add("a multipart without boundary was read as text");
        addText(texts, text(part, contentType));
        return;
      }
      // Parsed straight from the part's bytes: getContent() would go through Jakarta
      // Activation's handler lookup, which costs more than the parse itself.
      Multipart multipart = new MimeMultipart(new MimePartDataSource((MimePart) part));
      int count = multipart.getCount();
      for (int i = 0; i < count; i++) {
        walk(multipart.getBodyPart(i), depth + 1);
      }
      return;
    }
    switch (type) {
      case "message/delivery-status", "message/global-delivery-status" -> {
        globalDeliveryStatus |= type.startsWith("message/global");
        deliveryStatus.add(text(part, contentType));
      }
      case "message/feedback-report" -> feedbackReport = text(part, contentType);
      case "message/rfc822",
          "message/global",
          "text/rfc822-headers",
          "message/rfc822-headers",
          "message/global-headers" -> {
        if (originalHeaders.isEmpty()) {
          try (InputStream in = decoded(part)) {
            addHeaders(new InternetHeaders(in).getAllHeaders(), originalHeaders);
          }
          if (!type.endsWith("headers")) {
            try (InputStream in = decoded(part)) {
              attached = in.readNBytes(MAX_ATTACHED_BYTES);
            }
          }
        }
      }
      case "text/html" -> addText(htmlTexts, Html.toText(text(part, contentType)));
      default -> {
        // No Content-Type, or one that does not parse, means text/plain (RFC 2045 §5.2).
        if (type.startsWith("text/") || type.isEmpty()) {
          String text = text(part, contentType);
          if (isReturnedHeaders(text)) {
            // The returned original's header, sent as a text part (an attached .txt, or text/plain
            // after the report): not diagnostic text, whatever its scanner fields say.
            if (originalHeaders.isEmpty()) {
              byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
              addHeaders(
                  new InternetHeaders(new ByteArrayInputStream(bytes)).getAllHeaders(),
                  originalHeaders);
            }
          } else {
            addText(texts, text);
          }
        }
      }
    }
  }

  /**
   * True for a text part after the bounce's own text or report that starts with a header block
   * naming the message's route or identity (RFC 5322 §3.6: Received, Return-Path, Message-ID).
   */
  private boolean isReturnedHeaders(String text) {
    if (texts.isEmpty() && deliveryStatus.isEmpty()) {
      return false;
    }
    int fields = 0;
    boolean trace = false;
    Iterator<String> lines = text.strip().lines().iterator();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        continue;
      }
      Matcher field = HEADER_FIELD.matcher(line);
      if (!field.lookingAt()) {
        return false;
      }
      fields++;
      trace |= TRACE_FIELDS.contains(field.group(1).toLowerCase(Locale.ROOT));
    }
    return trace && fields >= 3;
  }

  /** Adds a text part while the texts stay within {@link #MAX_TOTAL_TEXT} characters. */
  private void addText(List<String> into, String text) {
    if (textChars + text.length() > MAX_TOTAL_TEXT) {
      problems.add("text parts beyond " + MAX_TOTAL_TEXT + " characters in all were not read");
      return;
    }
    textChars += text.length();
    into.add(text);
  }

  private void addHeaders(Enumeration<Header> all, List<String> into) {
    while (all.hasMoreElements()) {
      Header h = all.nextElement();
      String value = h.getValue() == null ? "" : unfold(h.getValue());
      Charsets.Decoded decoded = EncodedWords.decode(value);
      addProblem(decoded.problem(), h.getName() + " field");
      into.add(h.getName() + ": " + decoded.text().strip());
    }
  }

  /**
   * The value on one line: each folding line break (CRLF or LF) with the whitespace after it
   * becomes one space (RFC 5322 §2.2.3); a break without whitespace after it stays. By hand: a
   * regex searched every header of every message, at a tenth of the reading time.
   */
  static String unfold(String value) {
    int lf = value.indexOf('\n');
    if (lf < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int from = 0;
    while (lf >= 0) {
      int next = lf + 1;
      while (next < value.length() && (value.charAt(next) == ' ' || value.charAt(next) == '\t')) {
        next++;
      }
      if (next > lf + 1) {
        int cut = lf > from && value.charAt(lf - 1) == '\r' ? lf - 1 : lf;
        out.append(value, from, cut).append(' ');
        from = next;
      }
      lf = value.indexOf('\n', lf + 1);
    }
    return out.append(value, from, value.length()).toString();
  }

  private static boolean hasBoundary(ContentType contentType) {
    String boundary = contentType == null ? null : contentType.getParameter("boundary");
    return boundary != null && !boundary.isEmpty();
  }

  /** The part's Content-Type, or null when it has none that parses. */
  private static ContentType contentType(Part part) {
    try {
      String value = part.getContentType();
      return value == null ? null : new ContentType(value);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String baseType(ContentType contentType) {
    return contentType == null ? "" : contentType.getBaseType().toLowerCase(Locale.ROOT);
  }

  /**
   * The part's text, transfer-decoded and decoded from its declared charset ({@link Charsets}), at
   * most {@link #MAX_TEXT_BYTES}.
   */
  private String text(Part part, ContentType contentType) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = decoded(part)) {
      bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
    } catch (MessagingException | IOException | RuntimeException e) {
      // An unknown or broken transfer encoding: read the part as it stands.
      try (InputStream in = raw(part)) {
        bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
      }
    }
    if (bytes.length > MAX_TEXT_BYTES) {
      problems.add("a text part longer than " + MAX_TEXT_BYTES + " bytes was cut there");
      bytes = Arrays.copyOf(bytes, MAX_TEXT_BYTES);
    }
    // No usable Content-Type or charset: the bytes are guessed at.
    String declared = contentType == null ? null : contentType.getParameter("charset");
    Charsets.Decoded decoded = Charsets.decode(bytes, declared);
    addProblem(decoded.problem(), "a " + baseType(contentType) + " part");
    return decoded.text();
  }

  /** Records a decoding problem once, with where it was: a message repeats its charsets. */
  private void addProblem(String problem, String where) {
    if (problem != null) {
      String said = where + ": " + problem;
      if (!problems.contains(said)) {
        problems.add(said);
      }
    }
  }

  /** The bytes after the header block, at most {@link #MAX_TEXT_BYTES}, as text. */
  private static String rawBody(byte[] raw) {
    int start = 0;
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length))) {
        start = raw[i + 1] == '\n' ? i + 2 : i + 3;
        break;
      }
    }
    int end = Math.min(raw.length, start + MAX_TEXT_BYTES);
    return Charsets.decode(Arrays.copyOfRange(raw, start, end), null).text();
  }

  /** The part's content, transfer-decoded, without Jakarta Activation's handler lookup. */
  private static InputStream decoded(Part part) throws MessagingException, IOException {
    return new MimePartDataSource((MimePart) part).getInputStream();
  }

  private static InputStream raw(Part part) throws MessagingException {
    if (part instanceof MimeBodyPart body) {
      return body.getRawInputStream();
    }
    if (part instanceof MimeMessage message) {
      return message.getRawInputStream();
    }
    throw new MessagingException("no raw content");
  }

  private static Properties lenientParsing() {
    Properties p = new Properties();
    p.setProperty("mail.mime.address.strict", "false");
    p.setProperty("mail.mime.parameters.strict", "false");
    p.setProperty("mail.mime.multipart.allowempty", "true");
    p.setProperty("mail.mime.decodetext.strict", "false");
    return p;
  }
}
