package io.github.smtpreply.server;

import java.util.Map;

/** An answer: status, content type, body and any extra headers. */
record Reply(int status, String contentType, String body, Map<String, String> headers) {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply text(int status, String text) {
    return new Reply(status, TEXT, text, Map.of());
  }

  static Reply html(int status, String html) {
    return new Reply(status, HTML, html, Map.of());
  }

  static Reply json(int status, String json) {
    return new Reply(status, JSON, json, Map.of());
  }

  static Reply redirect(String location) {
    return new Reply(302, TEXT, "see " + location + "\n", Map.of("Location", location));
  }

  /** Credentials not checked now: too many password checks are running (WebConfig.Access). */
  static Reply busy() {
    return new Reply(
        429, TEXT, "too many password checks at once; retry shortly\n", Map.of("Retry-After", "1"));
  }

  static Reply unauthorized() {
    return new Reply(
        401,
        TEXT,
        "authentication required\n",
        Map.of("WWW-Authenticate", "Basic realm=\"smtp-reply\""));
  }
}
