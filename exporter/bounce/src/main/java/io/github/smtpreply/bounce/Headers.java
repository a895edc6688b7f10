package io.github.smtpreply.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The header fields of a bounce and of its returned original that the reader consults. */
final class Headers {
  private static final Pattern ADDRESS =
      Pattern.compile("[^\\s<>()\\[\\]:;@,\"']+@[A-Za-z0-9.\\-\\[\\]]*[A-Za-z0-9\\]]");

  private final List<String> top;
  private final List<String> original;

  /** The marker phrases in the top-level and the original's headers, each list scanned once. */
  private final long[] topHits;

  private final long[] originalHits;

  Headers(List<String> top, List<String> original) {
    this.top = top;
    this.original = original;
    this.topHits = Markers.STANDARD.scanHeaders(top);
    this.originalHits = Markers.STANDARD.scanHeaders(original);
  }

  /** The first value of a top-level field, or null. */
  String get(String name) {
    return first(top, name);
  }

  String subject() {
    String s = get("subject");
    return s == null ? "" : s;
  }

  /** The address in the From field, or null. */
  String from() {
    return addressIn(get("from"));
  }

  /** The address in the To field, or null: for a bounce, the sender of the original. */
  String to() {
    return addressIn(get("to"));
  }

  /** The returned original's field, else {@code fallback} (the value quoted in the text). */
  String original(String name, String fallback) {
    String v = first(original, name);
    return v != null ? v : fallback;
  }

  /** Who the original was sent to, for a report that does not say otherwise. */
  String originalRecipient() {
    String to = first(original, "x-hmxmroriginalrecipient");
    return addressIn(to != null ? to : first(original, "to"));
  }

  /** Exim's X-Failed-Recipients addresses, in order. */
  List<String> failedRecipients() {
    List<String> out = new ArrayList<>();
    String v = get("x-failed-recipients");
    if (v != null) {
      Matcher m = ADDRESS.matcher(v);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  /** The first address in {@code text} that is not this message's own From or To, or null. */
  String firstOtherAddress(String text) {
    String from = from();
    String to = to();
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      String a = m.group();
      if (!a.equalsIgnoreCase(from) && !a.equalsIgnoreCase(to)) {
        return a;
      }
    }
    return null;
  }

  /** A bounce by its headers: sent by MAILER-DAEMON or postmaster, or a bounce's subject. */
  boolean isBounce() {
    return Markers.STANDARD.any(topHits, Markers.Kind.BOUNCE_HEADER);
  }

  /** An RFC 3834 auto-reply, or a vacation notice marked the way common responders mark it. */
  boolean isAutoReply() {
    return Markers.STANDARD.any(topHits, Markers.Kind.AUTO_REPLY_HEADER);
  }

  /** A complaint notice that is not an RFC 5965 report (Hotmail's, Apple's unsubscribe). */
  boolean isFeedback() {
    return Markers.STANDARD.any(topHits, Markers.Kind.FEEDBACK_HEADER)
        || Markers.STANDARD.any(originalHits, Markers.Kind.FEEDBACK_HEADER);
  }

  private static String first(List<String> fields, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String field : fields) {
      if (field.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return field.substring(prefix.length()).strip();
      }
    }
    return null;
  }

  /** The first address in a field value, or null. */
  static String addressIn(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = ADDRESS.matcher(value);
    return m.find() ? m.group() : null;
  }
}
