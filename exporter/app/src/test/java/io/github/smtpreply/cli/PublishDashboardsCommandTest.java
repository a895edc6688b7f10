package io.github.smtpreply.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 11 §4: publish-dashboards against Grafana's HTTP API, stubbed by WireMock on loopback. */
class PublishDashboardsCommandTest {
  @RegisterExtension
  static final WireMockExtension GRAFANA =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String TOKEN = "glsa_demoToken_0123456789abcdef";

  @TempDir Path dir;
  private Path tokenFile;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void token() throws IOException {
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  @Test
  void createsTheFolderAndPublishesEveryDashboardWithOverwrite() {
    GRAFANA.stubFor(get(urlPathEqualTo("/api/folders")).willReturn(okJson("[]")));
    GRAFANA.stubFor(
        post(urlEqualTo("/api/folders"))
            .willReturn(okJson("{\"id\": 7, \"uid\": \"fSmtp1\", \"title\": \"SMTP\"}")));
    GRAFANA.stubFor(
        post(urlEqualTo("/api/dashboards/db"))
            .willReturn(
                okJson(
                    "{\"id\": 1, \"uid\": \"x\", \"url\": \"/d/x/smtp\", \"status\": \"success\","
                        + " \"version\": 3}")));

    assertThat(publish("--folder", "SMTP")).as(err()).isZero();

    GRAFANA.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/folders"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    GRAFANA.verify(
        1,
        postRequestedFor(urlEqualTo("/api/folders"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(equalToJson("{\"title\": \"SMTP\"}")));
    for (String uid : List.of("smtp-reply-overview", "smtp-reply-code")) {
      GRAFANA.verify(
          1,
          postRequestedFor(urlEqualTo("/api/dashboards/db"))
              .withHeader("Authorization", equalTo("Bearer " + TOKEN))
              .withHeader("Content-Type", equalTo("application/json"))
              .withRequestBody(matchingJsonPath("$.dashboard.uid", equalTo(uid)))
              .withRequestBody(matchingJsonPath("$.overwrite", equalTo("true")))
              .withRequestBody(matchingJsonPath("$.folderUid", equalTo("fSmtp1")))
              .withRequestBody(matchingJsonPath("$.message"))
              // The provisioning copy: a data source variable, no import-only __inputs.
              .withRequestBody(
                  matchingJsonPath("$.dashboard.templating.list[0].name", equalTo("datasource")))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.notContaining("__inputs")));
    }
    assertThat(out())
        .contains("created folder 'SMTP' (uid fSmtp1)")
        .contains("published 'SMTP replies' (uid smtp-reply-overview, version 3)")
        .contains("/d/x/smtp");
  }

  @Test
  void findsAnExistingFolderByTitle() {
    GRAFANA.stubFor(
        get(urlPathEqualTo("/api/folders"))
            .willReturn(
                okJson(
                    "[{\"uid\": \"other\", \"title\": \"Mail\"},"
                        + " {\"uid\": \"f42\", \"title\": \"SMTP\"}]")));
    GRAFANA.stubFor(
        post(urlEqualTo("/api/dashboards/db")).willReturn(okJson("{\"url\": \"/d/a/b\"}")));

    assertThat(publish("--folder", "SMTP")).as(err()).isZero();

    GRAFANA.verify(0, postRequestedFor(urlEqualTo("/api/folders")));
    GRAFANA.verify(
        2,
        postRequestedFor(urlEqualTo("/api/dashboards/db"))
            .withRequestBody(matchingJsonPath("$.folderUid", equalTo("f42"))));
  }

  @Test
  void withoutFolderPublishesAtTheTopWithoutAFolderUid() {
    GRAFANA.stubFor(
        post(urlEqualTo("/api/dashboards/db")).willReturn(okJson("{\"url\": \"/d/a/b\"}")));

    assertThat(publish()).as(err()).isZero();

    GRAFANA.verify(0, getRequestedFor(urlPathEqualTo("/api/folders")));
    GRAFANA.verify(
        0,
        postRequestedFor(urlEqualTo("/api/dashboards/db"))
            .withRequestBody(matchingJsonPath("$.folderUid")));
    GRAFANA.verify(2, postRequestedFor(urlEqualTo("/api/dashboards/db")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "401 | Invalid API key | Grafana refused the token (401 Unauthorized)",
        "403 | Access denied | (403 Forbidden): give its service account the Editor role",
        "412 | A dashboard with the same name in the folder already exists | (412 Precondition"
            + " Failed): a dashboard with the same title exists",
        "500 | Internal Server Error | (500 server error); try again later",
        "503 | | (503 server error); try again later",
      })
  void grafanaRefusalsSayWhatToDoAndExitOne(int status, String message, String expected) {
    GRAFANA.stubFor(
        post(urlEqualTo("/api/dashboards/db"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(message == null ? "" : "{\"message\": \"" + message + "\"}")));

    assertThat(publish()).isEqualTo(SmtpReplyCli.INPUT_ERROR);

    assertThat(err())
        .startsWith("smtp-reply: ")
        .contains(expected)
        .contains("save dashboard 'SMTP replies'");
    if (message != null) {
      assertThat(err()).contains("Grafana says: " + message);
    }
    // The first refusal stops: the second dashboard is not sent.
    GRAFANA.verify(1, postRequestedFor(urlEqualTo("/api/dashboards/db")));
  }

  @Test
  void anUnreachableGrafanaIsAnErrorNotAStackTrace() throws IOException {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    int status =
        run(
            "publish-dashboards",
            "--grafana-url",
            "http://127.0.0.1:" + port,
            "--token-file",
            tokenFile.toString());
    assertThat(status).isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(err()).contains("cannot reach Grafana at http://127.0.0.1:" + port);
  }

  @Test
  void badCommandLinesAreUsageErrors() throws IOException {
    assertThat(run("publish-dashboards", "--token-file", tokenFile.toString()))
        .isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err()).contains("needs --grafana-url URL and --token-file FILE");
    assertThat(
            run(
                "publish-dashboards",
                "--grafana-url",
                "ftp://grafana",
                "--token-file",
                tokenFile.toString()))
        .isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err()).contains("--grafana-url needs an http:// or https:// URL", "ftp://grafana");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThat(
            run(
                "publish-dashboards",
                "--grafana-url",
                GRAFANA.baseUrl(),
                "--token-file",
                empty.toString()))
        .isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err()).contains("must hold one token on one line");
    assertThat(
            run(
                "publish-dashboards",
                "--grafana-url",
                GRAFANA.baseUrl(),
                "--token-file",
                dir.resolve("missing").toString()))
        .isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(err()).contains("cannot open", "missing");
    assertThat(run("publish-dashboards", "--help")).isZero();
    assertThat(out()).contains("smtp-reply publish-dashboards --grafana-url URL --token-file FILE");
  }

  @Test
  void theBundledDashboardsAreExactlyTheCommittedProvisioningCopies() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../../dashboards/grafana"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .containsExactlyInAnyOrderElementsOf(PublishDashboardsCommand.DASHBOARDS);
    }
    for (String name : PublishDashboardsCommand.DASHBOARDS) {
      assertThat(PublishDashboardsCommand.bundled(name))
          .isEqualTo(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(Path.of("../../dashboards/grafana", name).toFile()));
    }
  }

  private int publish(String... extra) {
    String[] args =
        Stream.concat(
                Stream.of(
                    "publish-dashboards",
                    "--grafana-url",
                    GRAFANA.baseUrl(),
                    "--token-file",
                    tokenFile.toString()),
                Stream.of(extra))
            .toArray(String[]::new);
    return run(args);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return SmtpReplyCli.run(
        args,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
