package io.github.smtpreply.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real server on port 0, spoken to with the JDK HttpClient (and a raw socket for junk). */
class ExporterServerTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private ExporterServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true);
    metrics.bindTo(registry);
    metrics.record(Classifier.standard().classifyText("550 5.1.1 User unknown"), "postfix", "smtp");
    server =
        ExporterServer.start(
            new InetSocketAddress("127.0.0.1", 0), registry, () -> true, WebConfig.none());
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesPrometheusTextByDefaultAndOpenMetricsWhenAsked() throws Exception {
    HttpResponse<String> text = get("/metrics");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    assertThat(text.body()).contains("smtp_replies_total{class=\"permanent\",code=\"550\"");
    HttpResponse<String> om =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(om.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    assertThat(om.body()).endsWith("# EOF\n");
  }

  @Test
  void servesCodePagesInTheRequestedLanguage() throws Exception {
    HttpResponse<String> page = get("/codes/550?lang=ja");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"ja\">", "説明", "href=\"/codes/551?lang=");
    assertThat(get("/codes/5.1.1", "Accept-Language", "vi-VN,vi;q=0.9,en;q=0.5").body())
        .contains("<html lang=\"vi\">");
    assertThat(get("/codes").body()).contains("/codes/550", "/codes/X.7.26");
    HttpResponse<String> compare = get("/compare/252/451");
    assertThat(compare.body()).contains("SMTP 252", "451");
  }

  @Test
  void pagesForVendorCodesLinksAnchorsAndVary() throws Exception {
    HttpResponse<String> vendor = get("/codes/5.7.606?lang=zh");
    assertThat(vendor.statusCode()).isEqualTo(200);
    assertThat(vendor.body())
        .contains("5.7.606-649", "Microsoft 365", "https://learn.microsoft.com/")
        .doesNotContain("id=\"-\"");
    assertThat(vendor.headers().allValues("Vary")).isEmpty();
    assertThat(get("/codes/571").statusCode()).isEqualTo(200);
    HttpResponse<String> negotiated = get("/codes/550", "Accept-Language", "ja");
    assertThat(negotiated.headers().allValues("Vary")).contains("Accept-Language");
    String compare = get("/compare/550/551").body();
    assertThat(compare)
        .contains("href=\"/codes/550?lang=en\"", "href=\"/codes/551?lang=en\"")
        .containsOnlyOnce("id=\"550-mailbox-unavailable-description\"")
        .containsOnlyOnce("id=\"551-user-not-local-description\"");
    assertThat(get("/codes/550?lang=vi").body()).contains("id=\"mô-tả\"", "/compare/550/450");
  }

  /**
   * Issue 14 §3 (screenshots): no English is left on a Japanese, Chinese or Vietnamese page — the
   * home link, the picker and its button speak the reader's language; a comparison links both code
   * pages, a code page its usual comparisons; the "seen in the wild" reply is a quote of its own.
   */
  @Test
  void pagesSpeakTheReadersLanguageFromTheNavigationDown() throws Exception {
    String zh = get("/codes/421?lang=zh").body();
    assertThat(zh)
        .contains(">SMTP 应答码</a>", "<button>对比</button>", "aria-label=\"代码 A\"", " 与 ")
        .contains("正式名称：", "所答复的命令：连接时的问候和任何命令")
        .contains("<li><blockquote>Gmail：“421-4.7.32 ")
        .contains("href=\"/compare/421/521?lang=zh\"")
        .doesNotContain(">SMTP codes<", ">Compare<", "aria-label=\"code A\"", "正式名称: ")
        .contains("<a href=\"/codes/421?lang=en\" lang=\"en\" hreflang=\"en\">English</a>");
    String ja = get("/compare/550/551?lang=ja").body();
    assertThat(ja)
        .contains(
            "<button>比較</button>", "href=\"/codes/550?lang=ja\"", "href=\"/codes/551?lang=ja\"")
        .doesNotContain(">Compare<", ">SMTP codes<");
    String vi = get("/codes/5.7.26?lang=vi").body();
    assertThat(vi)
        .contains("<button>So sánh</button>", "Tên chính thức: ")
        .doesNotContain(">Compare<", "From:;");
    assertThat(get("/codes/550").body())
        .contains("<button>Compare</button>", ">SMTP reply codes</a>");
  }

  @Test
  void comparisonPickerRedirectsToTheComparison() throws Exception {
    HttpResponse<String> r = get("/compare?a=550&b=5.1.1&lang=zh");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).contains("/compare/550/X.1.1?lang=zh");
  }

  @Test
  void apiClassifiesPostedReplies() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/classify"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "421-4.7.28 unusual rate\nconnect to x[192.0.2.1]:25: Connection timed out\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .startsWith("[{\"code\":\"421\",\"enhanced\":\"4.7.28\"")
        .contains("{\"code\":\"none\",\"enhanced\":\"4.4.1\"");
    assertThat(get("/api/codes/550").body()).startsWith("{\"title\":\"SMTP 550");
    assertThat(get("/api/codes").body()).startsWith("[{\"code\":");
  }

  @Test
  void apiReadsAPostedBounce() throws Exception {
    byte[] bounce;
    try (java.io.InputStream in =
        getClass().getResourceAsStream("/fixtures/bounces/lhost-postfix-02.eml")) {
      bounce = in.readAllBytes();
    }
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/dsn"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bounce))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .startsWith("{\"kind\":\"delivery_status\",\"format\":\"rfc3464\"")
        .contains("\"recipient\":\"filtered@example.co.jp\",\"action\":\"failed\"")
        .contains("\"reply\":{\"code\":\"550\",\"enhanced\":\"5.2.1\"");
    HttpResponse<String> junk =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/dsn"))
                .POST(HttpRequest.BodyPublishers.ofString("\u0000 not a message"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(junk.statusCode()).isEqualTo(200);
    assertThat(junk.body()).startsWith("{\"kind\":\"not_understood\"").contains("\"problem\":\"");
    assertThat(get("/api/dsn").statusCode()).isEqualTo(405);
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
    assertThat(get("/-/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessFollowsTheHook() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (ExporterServer other =
        ExporterServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            ready::get,
            WebConfig.none())) {
      URI uri = URI.create("http://127.0.0.1:" + other.port() + "/-/ready");
      HttpRequest request = HttpRequest.newBuilder(uri).build();
      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(503);
      ready.set(true);
      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void classificationJsonHasFlagsAsAnArrayOfSnakeCaseLabels() throws Exception {
    HttpResponse<String> r = get("/api/classify?text=550%204.1.1%20mixed%20up");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"class\":\"permanent\"", "\"flags\":[\"class_conflict\"]");
    assertThat(get("/api/classify?text=250%202.0.0%20ok").body()).contains("\"flags\":[]");
    assertThat(get("/api/codes").body())
        .contains("{\"code\":\"550\",\"title\":", "\"classes\":[\"permanent\"]");
  }

  @Test
  void theIndexAndTheNotFoundPageSpeakTheReadersLanguage() throws Exception {
    assertThat(get("/codes?lang=ja").body()).contains("<title>SMTP 応答コード</title>");
    HttpResponse<String> missing = get("/codes/999?lang=zh");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("<title>未找到页面</title>").contains("没有 999 的页面");
  }

  @Test
  void answersBadInputCleanly() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> html = get("/codes/%3Cimg%20src=x%20onerror=alert(1)%3E");
    assertThat(html.statusCode()).isEqualTo(404);
    assertThat(html.body()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    HttpResponse<String> plain = get("/codes/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assertThat(plain.statusCode()).isEqualTo(404);
    assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(plain.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(get("/codes/550?lang=%3Cb%3E").body()).contains("<html lang=\"en\">");
    assertThat(get("/codes/550?x=" + "a".repeat(5000)).statusCode()).isEqualTo(414);
    assertThat(rawStatusLine("GET /codes/%E0%A4%A HTTP/1.1")).startsWith("HTTP/1.1 4");
    assertThat(get("/codes/%E0%A4").statusCode()).isEqualTo(404);
    assertThat(get("/compare/550/999").statusCode()).isEqualTo(404);
    HttpResponse<String> delete =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(405);
    // A body announced too large is refused from its Content-Length, before it is sent (a client
    // still sending it when the server closes may see a reset instead of the answer).
    assertThat(
            rawStatusLine(
                "POST /api/classify HTTP/1.1\r\nContent-Length: " + (ApiRoutes.MAX_BODY + 1)))
        .startsWith("HTTP/1.1 413");
  }

  private String rawStatusLine(String requestLine) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              (requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))
          .readLine();
    }
  }

  @Test
  void survivesGarbageOnTheSocket() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream()
          .write("\u0000\u0001GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      s.setSoTimeout(2000);
      s.getInputStream().read();
    } catch (IOException expected) {
      // the server may just close the connection; it must keep serving others
    }
    assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
  }
}
