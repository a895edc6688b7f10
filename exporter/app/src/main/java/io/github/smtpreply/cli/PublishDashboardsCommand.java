package io.github.smtpreply.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code publish-dashboards}: creates or updates the bundled dashboards in a Grafana through its
 * HTTP API ({@code POST /api/dashboards/db} with {@code overwrite}), in a folder found by title
 * ({@code GET /api/folders}) or created ({@code POST /api/folders}). The bundled copy is the
 * committed {@code dashboards/grafana}: its data source is a dashboard variable, where the {@code
 * dashboards/import} copy has {@code __inputs} that only Grafana's import UI fills in.
 */
final class PublishDashboardsCommand {
  /** The dashboards, as bundled from dashboards/grafana (a test holds this list to that folder). */
  static final List<String> DASHBOARDS =
      List.of("smtp-reply-overview.json", "smtp-reply-code.json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ANSWER = 1 << 20;

  /** Grafana answered with an error or could not be reached: the message says what to do. */
  static final class GrafanaException extends Exception {
    private static final long serialVersionUID = 1L;

    GrafanaException(String message) {
      super(message);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private URI grafana;
  private String token;

  int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    String url = null;
    Path tokenFile = null;
    String folder = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--grafana-url" -> url = Cli.value(args, ++i, arg);
        case "--token-file" -> tokenFile = Path.of(Cli.value(args, ++i, arg));
        case "--folder" -> folder = Cli.value(args, ++i, arg);
        default ->
            throw new UsageException(
                "unknown option '" + Cli.printable(arg) + "' for publish-dashboards");
      }
    }
    if (url == null || tokenFile == null) {
      throw new UsageException("publish-dashboards needs --grafana-url URL and --token-file FILE");
    }
    if (folder != null && folder.isBlank()) {
      throw new UsageException("--folder needs a folder title");
    }
    grafana = baseUrl(url);
    token = token(tokenFile);
    try {
      String folderUid = folder == null ? null : folderUid(folder, out);
      for (String name : DASHBOARDS) {
        publish(name, folderUid, out);
      }
      return SmtpReplyCli.OK;
    } catch (GrafanaException e) {
      err.println("smtp-reply: " + e.getMessage());
      return SmtpReplyCli.INPUT_ERROR;
    }
  }

  /** The uid of the folder with this title, created when there is none. */
  private String folderUid(String title, PrintStream out) throws GrafanaException {
    JsonNode folders = send("GET", "/api/folders?limit=1000", null, "list the folders");
    for (JsonNode f : folders) {
      if (title.equals(f.path("title").asText())) {
        return f.path("uid").asText();
      }
    }
    ObjectNode body = JSON.createObjectNode().put("title", title);
    JsonNode created = send("POST", "/api/folders", body, "create folder '" + title + "'");
    String uid = created.path("uid").asText("");
    if (uid.isEmpty()) {
      throw new GrafanaException("Grafana created folder '" + title + "' but sent no uid");
    }
    out.println("created folder '" + title + "' (uid " + uid + ")");
    return uid;
  }

  private void publish(String name, String folderUid, PrintStream out) throws GrafanaException {
    ObjectNode dashboard = (ObjectNode) bundled(name);
    dashboard.putNull("id"); // matched by uid: the same dashboard in every Grafana
    ObjectNode body = JSON.createObjectNode();
    body.set("dashboard", dashboard);
    if (folderUid != null) {
      body.put("folderUid", folderUid);
    }
    body.put("overwrite", true);
    body.put("message", "smtp-reply publish-dashboards " + SmtpReplyCli.version());
    String title = dashboard.path("title").asText();
    JsonNode answer = send("POST", "/api/dashboards/db", body, "save dashboard '" + title + "'");
    out.println(
        "published '"
            + title
            + "' (uid "
            + dashboard.path("uid").asText()
            + ", version "
            + answer.path("version").asText("?")
            + "): "
            + grafana.resolve(answer.path("url").asText("/")));
  }

  private JsonNode send(String method, String path, JsonNode body, String what)
      throws GrafanaException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(grafana.resolve(path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response;
    String text;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        text = new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new GrafanaException("cannot reach Grafana at " + grafana + " to " + what + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GrafanaException("interrupted while trying to " + what);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new GrafanaException(
            "Grafana's answer to " + what + " is not JSON: " + Cli.printable(text));
      }
    }
    String message = message(text);
    throw new GrafanaException(
        switch (status) {
          case 401 ->
              "Grafana refused the token (401 Unauthorized) to "
                  + what
                  + ": check that --token-file holds a valid service account token"
                  + message;
          case 403 ->
              "the token may not "
                  + what
                  + " (403 Forbidden): give its service account the Editor role, or"
                  + " dashboards:write and folders:create"
                  + message;
          case 412 ->
              "Grafana refused to "
                  + what
                  + " (412 Precondition Failed): a dashboard with the same title exists in that"
                  + " folder under another uid, or it changed meanwhile; rename or move it"
                  + message;
          default ->
              status >= 500
                  ? "Grafana failed to "
                      + what
                      + " ("
                      + status
                      + " server error); try again later or read Grafana's log"
                      + message
                  : "Grafana answered " + status + " to " + what + message;
        });
  }

  /** Grafana's own words from an error answer ({"message": …}), echoed safely. */
  private static String message(String text) {
    try {
      String m = JSON.readTree(text).path("message").asText("");
      return m.isEmpty() ? "" : ". Grafana says: " + Cli.printable(m);
    } catch (IOException e) {
      return text.isBlank() ? "" : ". Grafana says: " + Cli.printable(text);
    }
  }

  static JsonNode bundled(String name) {
    try (InputStream in =
        PublishDashboardsCommand.class.getResourceAsStream("dashboards/" + name)) {
      if (in == null) {
        throw new IllegalStateException("this build has no dashboards/" + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI baseUrl(String url) throws UsageException {
    try {
      URI uri = new URI(url.endsWith("/") ? url : url + "/");
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getQuery() != null) {
        throw new URISyntaxException(url, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(
          "--grafana-url needs an http:// or https:// URL such as http://grafana:3000, not '"
              + Cli.printable(url)
              + "'");
    }
  }

  private static String token(Path file) throws UsageException, IOException {
    String token;
    try {
      token = Optional.of(Files.readString(file, StandardCharsets.UTF_8)).get().strip();
    } catch (NoSuchFileException e) {
      throw new java.io.FileNotFoundException(file + " (--token-file)");
    }
    if (token.isEmpty()
        || token.length() > 4096
        || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new UsageException(
          "--token-file " + Cli.printable(file.toString()) + " must hold one token on one line");
    }
    return token;
  }
}
