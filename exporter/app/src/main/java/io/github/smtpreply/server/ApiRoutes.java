package io.github.smtpreply.server;

import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.server.Route.Call;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The API routes that read what the caller sends: reply texts and bounce messages. */
final class ApiRoutes {
  /** Bytes of reply texts accepted by {@code POST /api/classify}. */
  static final int MAX_BODY = 64 * 1024;

  /** Bytes of a bounce message accepted by {@code POST /api/dsn}. */
  static final int MAX_MESSAGE_BODY = 4 * 1024 * 1024;

  private static final String CLASSIFY_USAGE =
      "POST reply texts (one per line) to /api/classify, or GET ?text=\n";

  private final Classifier classifier = Classifier.standard();
  private final BounceReader bounceReader = BounceReader.standard();

  Route classifyRoute() {
    return new Route(
        "/api/classify", Set.of("GET", "HEAD", "POST"), MAX_BODY, CLASSIFY_USAGE, this::classify);
  }

  Route dsnRoute() {
    return new Route(
        "/api/dsn",
        Set.of("POST"),
        MAX_MESSAGE_BODY,
        "POST one bounce message (RFC 5322) to /api/dsn\n",
        this::dsn);
  }

  private Reply classify(Call call) {
    String text;
    if (call.body() != null) {
      text = new String(call.body(), StandardCharsets.UTF_8);
    } else if (call.query().containsKey("text")) {
      text = call.query().get("text");
    } else {
      return Reply.text(405, CLASSIFY_USAGE);
    }
    List<Classification> out =
        text.lines().filter(l -> !l.isBlank()).map(classifier::classifyText).toList();
    return Reply.json(200, ApiJson.classifications(out));
  }

  private Reply dsn(Call call) {
    return Reply.json(200, ApiJson.bounce(bounceReader.read(call.body())));
  }
}
