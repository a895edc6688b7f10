package io.github.smtpreply.bounce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Amazon SES notification (Bounce, Complaint or Delivery) mailed as JSON, directly or inside an
 * SNS envelope's {@code Message} string. Its recipients are turned into the same fields an RFC 3464
 * recipient group has (final-recipient, action, status, diagnostic-code), so one code path
 * classifies both.
 */
record SesNotification(
    String type,
    List<Map<String, String>> recipients,
    String reportingMta,
    String messageId,
    String subject) {

  /** Built on the first notification, not when the class loads: most runs read none. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** The notification in {@code text}, or null when the text is not one. */
  static SesNotification parse(String text) {
    int start = text.indexOf('{');
    if (start < 0 || !text.contains("notificationType")) {
      return null;
    }
    // Mail transport wraps long lines; JSON needs no line breaks, so drop them all.
    String json = text.substring(start).replace("\r", "").replace("\n", "");
    try {
      JsonNode root = first(json);
      if (root.path("Message").isTextual()) {
        root = first(root.path("Message").asText());
      }
      return of(root);
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode first(String json) throws IOException {
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      JsonNode node = Json.MAPPER.readTree(parser);
      if (node == null) {
        throw new JsonProcessingException("empty") {};
      }
      return node;
    }
  }

  private static SesNotification of(JsonNode root) {
    String type = root.path("notificationType").asText(root.path("eventType").asText(""));
    List<Map<String, String>> groups = new ArrayList<>();
    String mta = null;
    switch (type) {
      case "Bounce" -> {
        JsonNode bounce = root.path("bounce");
        mta = text(bounce, "reportingMTA");
        for (JsonNode r : bounce.path("bouncedRecipients")) {
          Map<String, String> g = group(text(r, "emailAddress"));
          put(g, "action", text(r, "action"));
          put(g, "status", text(r, "status"));
          put(g, "diagnostic-code", text(r, "diagnosticCode"));
          if (!g.containsKey("action")) {
            g.put("action", "Transient".equals(text(bounce, "bounceType")) ? "delayed" : "failed");
          }
          groups.add(g);
        }
      }
      case "Delivery" -> {
        JsonNode delivery = root.path("delivery");
        mta = text(delivery, "reportingMTA");
        for (JsonNode r : delivery.path("recipients")) {
          Map<String, String> g = group(r.asText());
          g.put("action", "delivered");
          put(g, "diagnostic-code", text(delivery, "smtpResponse"));
          groups.add(g);
        }
      }
      case "Complaint" -> {
        for (JsonNode r : root.path("complaint").path("complainedRecipients")) {
          groups.add(group(text(r, "emailAddress")));
        }
      }
      default -> {
        return null;
      }
    }
    JsonNode mail = root.path("mail");
    return new SesNotification(
        type, groups, mta, text(mail, "messageId"), text(mail.path("commonHeaders"), "subject"));
  }

  private static Map<String, String> group(String recipient) {
    Map<String, String> g = new LinkedHashMap<>();
    put(g, "final-recipient", recipient);
    return g;
  }

  private static void put(Map<String, String> g, String name, String value) {
    if (value != null && !value.isBlank()) {
      g.put(name, value);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() ? v.asText() : null;
  }
}
