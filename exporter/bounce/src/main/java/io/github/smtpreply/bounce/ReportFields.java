package io.github.smtpreply.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an RFC 3464 delivery-status part (or an RFC 5965 feedback report): one group of
 * per-message fields, then one group per recipient. Field names are case-insensitive (kept in lower
 * case), folded values are unfolded, and a {@code type;} prefix is kept for {@link #value} to
 * strip. A recipient group also starts at a second Final-Recipient, for reports that leave out the
 * blank line between groups.
 */
final class ReportFields {
  /** The fields of the whole report (Reporting-MTA, Arrival-Date, …), first occurrence kept. */
  final Map<String, String> message = new LinkedHashMap<>();

  /** One map per recipient group, in order. */
  final List<Map<String, String>> recipients = new ArrayList<>();

  private ReportFields() {}

  static ReportFields parse(String text) {
    ReportFields fields = new ReportFields();
    Map<String, String> group = new LinkedHashMap<>();
    String lastName = null;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      if (line.isBlank()) {
        fields.close(group);
        group = new LinkedHashMap<>();
        lastName = null;
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
        group.merge(lastName, " " + line.strip(), String::concat);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isFieldName(line, colon)) {
        // A line that is not a field: a broken fold of a diagnostic, kept with it.
        if (lastName != null) {
          group.merge(lastName, " " + line.strip(), String::concat);
        }
        continue;
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      if (name.equals("final-recipient") && group.containsKey("final-recipient")) {
        fields.close(group);
        group = new LinkedHashMap<>();
      }
      group.putIfAbsent(name, line.substring(colon + 1).strip());
      lastName = name;
    }
    fields.close(group);
    return fields;
  }

  private void close(Map<String, String> group) {
    if (group.isEmpty()) {
      return;
    }
    if (group.containsKey("final-recipient")
        || group.containsKey("original-recipient")
        || group.containsKey("action")
        || group.containsKey("status")) {
      recipients.add(group);
    } else {
      group.forEach(message::putIfAbsent);
    }
  }

  private static boolean isFieldName(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A field's value without its {@code type;} prefix ({@code rfc822;}, {@code dns;}, {@code smtp;})
   * and without angle brackets around an address; {@code null} when absent or empty.
   */
  static String value(Map<String, String> group, String name) {
    String raw = group.get(name);
    if (raw == null) {
      return null;
    }
    String value = raw;
    int semi = value.indexOf(';');
    if (semi > 0 && isTypeName(value, semi)) {
      value = value.substring(semi + 1).strip();
    }
    if (value.length() > 1 && value.charAt(0) == '<' && value.indexOf('>') == value.length() - 1) {
      value = value.substring(1, value.length() - 1).strip();
    }
    return value.isEmpty() ? null : value;
  }

  /** The Diagnostic-Code text: the type is kept for X-Unix, which carries no SMTP reply. */
  static String diagnostic(Map<String, String> group) {
    String raw = group.get("diagnostic-code");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return raw.regionMatches(true, 0, "x-unix", 0, 6)
        ? raw.strip()
        : value(group, "diagnostic-code");
  }

  /** The per-recipient and per-message field names of RFC 3464 (x- fields are accepted too). */
  private static final Set<String> DSN_FIELDS =
      Set.of(
          "reporting-mta",
          "dsn-gateway",
          "received-from-mta",
          "arrival-date",
          "original-envelope-id",
          "original-recipient",
          "final-recipient",
          "action",
          "status",
          "remote-mta",
          "diagnostic-code",
          "last-attempt-date",
          "final-log-id",
          "will-retry-until");

  /**
   * The delivery-status fields quoted in a text whose MIME structure was lost: from the per-message
   * fields before the first Final-Recipient line to the first line that is not a report field; null
   * when the text has no Final-Recipient line.
   */
  static String embedded(String text) {
    String[] lines = text.lines().toArray(String[]::new);
    int first = -1;
    for (int n = 0; n < lines.length && first < 0; n++) {
      if (lines[n].regionMatches(true, 0, "final-recipient:", 0, 16)) {
        first = n;
      }
    }
    if (first < 0) {
      return null;
    }
    int start = first;
    while (start > 0 && (lines[start - 1].isBlank() || isReportLine(lines[start - 1]))) {
      start--;
    }
    StringBuilder out = new StringBuilder();
    for (int n = start; n < lines.length; n++) {
      String line = lines[n];
      if (!line.isBlank()
          && !isReportLine(line)
          && line.charAt(0) != ' '
          && line.charAt(0) != '\t') {
        break;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static boolean isReportLine(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0 || !isFieldName(line, colon)) {
      return false;
    }
    String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
    return DSN_FIELDS.contains(name) || name.startsWith("x-");
  }

  /** Every value of field {@code name} in {@code text}, in order ({@code Original-Rcpt-To}). */
  static List<String> all(String text, String name) {
    List<String> values = new ArrayList<>();
    String prefix = name + ":";
    for (String line : (Iterable<String>) text.lines()::iterator) {
      if (line.regionMatches(true, 0, prefix, 0, prefix.length())) {
        String value = value(Map.of(name, line.substring(prefix.length()).strip()), name);
        if (value != null) {
          values.add(value);
        }
      }
    }
    return values;
  }

  private static boolean isTypeName(String value, int semi) {
    for (int i = 0; i < semi; i++) {
      char c = value.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }
}
