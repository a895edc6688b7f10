package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Agreement with the postfix-grok-patterns cases (fixtures/postfix-grok-cases, BSD 3-Clause): the
 * share of delivery and reject lines whose code and enhanced status the parser reports as the case
 * expects. The figure is written to target/postfix-grok-agreement.txt.
 */
class PostfixGrokCasesTest {

  @Test
  void agreesWithTheGrokCases() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/fixtures/postfix-grok-cases").toURI());
    PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);
    List<String> misses = new ArrayList<>();
    int total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String data = unquote(value(lines, "data"));
        String program = "postfix/" + file.getFileName().toString().replaceAll("_\\d+\\.yaml$", "");
        String line = "Nov 22 04:55:20 mx " + program + "[1]: " + data;
        Optional<LogEvent> event = parser.parse(line);
        String expectedCode = expectedCode(lines);
        String expectedStatus = expectedStatus(lines, data);
        if (expectedCode == null && expectedStatus == null && event.isEmpty()) {
          continue; // neither an event nor a reply: nothing to score
        }
        total++;
        String code = event.map(e -> e.reply().codeLabel()).orElse("(no event)");
        String status = event.map(e -> e.reply().enhancedLabel()).orElse("(no event)");
        boolean ok =
            code.equals(expectedCode == null ? "none" : expectedCode)
                && status.equals(expectedStatus == null ? "none" : expectedStatus);
        if (!ok) {
          misses.add(
              file.getFileName()
                  + ": expected "
                  + expectedCode
                  + "/"
                  + expectedStatus
                  + " got "
                  + code
                  + "/"
                  + status);
        }
      }
    }
    double agreement = 100.0 * (total - misses.size()) / total;
    String report =
        String.format(
                java.util.Locale.ROOT,
                "postfix-grok-cases: %d of %d delivery/reject lines with code and enhanced status as expected (%.1f%%)%n",
                total - misses.size(),
                total,
                agreement)
            + String.join("\n", misses)
            + "\n";
    Files.writeString(Path.of("target", "postfix-grok-agreement.txt"), report);
    assertThat(total).isGreaterThan(25);
    assertThat(agreement).as(report).isGreaterThanOrEqualTo(95.0);
  }

  private static String value(List<String> lines, String key) {
    for (String line : lines) {
      String t = line.strip();
      if (t.startsWith(key + ":")) {
        return t.substring(key.length() + 1).strip();
      }
    }
    return null;
  }

  private static String unquote(String v) {
    if (v != null && v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return v;
  }

  private static final java.util.regex.Pattern REPLY =
      java.util.regex.Pattern.compile(
          "(?:said: |\\(|\\]: )([2-5][0-9][0-9])[ -](?:([245]\\.[0-9]{1,3}\\.[0-9]{1,3}) )?");
  private static final java.util.regex.Pattern BARE_STATUS =
      java.util.regex.Pattern.compile("(?:\\]: |: )([245]\\.[0-9]{1,3}\\.[0-9]{1,3}) ");
  private static final java.util.regex.Pattern DSN =
      java.util.regex.Pattern.compile("dsn=([245]\\.[0-9]{1,3}\\.[0-9]{1,3})");

  /** postfix_status_code, else the reply code the line shows (a regex reading, independent). */
  private static String expectedCode(List<String> lines) {
    String code = unquote(value(lines, "postfix_status_code"));
    if (code != null) {
      return code;
    }
    var m = REPLY.matcher(unquote(value(lines, "data")));
    return m.find() ? m.group(1) : null;
  }

  /**
   * postfix_status_code_enhanced, else the status the reply shows, else a bare status after the
   * client ("milter-reject: … : 5.7.1 …"), else Postfix's dsn=.
   */
  private static String expectedStatus(List<String> lines, String data) {
    String status = unquote(value(lines, "postfix_status_code_enhanced"));
    if (status != null) {
      return status;
    }
    var m = REPLY.matcher(data);
    if (m.find() && m.group(2) != null) {
      return m.group(2);
    }
    var bare = BARE_STATUS.matcher(data);
    if (bare.find()) {
      return bare.group(1);
    }
    var dsn = DSN.matcher(data);
    return dsn.find() ? dsn.group(1) : null;
  }
}
