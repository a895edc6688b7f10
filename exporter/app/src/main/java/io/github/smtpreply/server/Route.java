package io.github.smtpreply.server;

import io.github.smtpreply.catalog.Language;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One route: a path pattern whose {@code {name}} segments are parameters, the methods it answers
 * (with what to say to others), the largest body it reads (0: none), and its handler.
 */
record Route(
    String pattern, Set<String> methods, int maxBody, String notAllowed, Route.Handler handler) {

  /** Answers one request; runs after authentication, with the body already read. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  /**
   * What a handler sees of a request: the method, the path parameters, the query, the negotiated
   * language, the Accept header, and the body ({@code null} when the route reads none or the method
   * sends none).
   */
  record Call(
      String method,
      Map<String, String> params,
      Map<String, String> query,
      Language lang,
      String accept,
      byte[] body) {}

  Route {
    methods = Set.copyOf(methods);
  }

  /** A page or document: GET and HEAD, no body. */
  static Route get(String pattern, Handler handler) {
    return new Route(pattern, Set.of("GET", "HEAD"), 0, null, handler);
  }

  /** The parameters when {@code segments} (a path split at '/') fit this pattern, else null. */
  Map<String, String> match(List<String> segments) {
    String[] parts = pattern.split("/", -1);
    if (parts.length != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].startsWith("{")) {
        params.put(parts[i].substring(1, parts[i].length() - 1), segments.get(i));
      } else if (!parts[i].equals(segments.get(i))) {
        return null;
      }
    }
    return params;
  }
}
