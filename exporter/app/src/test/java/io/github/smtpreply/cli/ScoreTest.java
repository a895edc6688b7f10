package io.github.smtpreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The developers' scoring tool (test scope, not in the user's jar). */
class ScoreTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path dir;

  private int run(String... args) {
    return Score.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path fixture(String name) throws Exception {
    return Path.of(ScoreTest.class.getResource("/fixtures/" + name).toURI());
  }

  @Test
  void scoresAgreementOnARepliesTable() throws Exception {
    assertThat(run("replies", fixture("replies-sample.tsv").toString())).isZero();
    assertThat(out())
        .containsPattern("(?m)^code\\s+\\d+ /\\s+12 ")
        .containsPattern("(?m)^enhanced ")
        .containsPattern("(?m)^class ")
        .containsPattern("(?m)^reason ");
  }

  @Test
  void scoresAgreementOnABouncesTableAndListsMisses() throws Exception {
    Files.createDirectory(dir.resolve("emails"));
    Files.copy(fixture("bounces/lhost-qmail-01.eml"), dir.resolve("emails/q.eml"));
    Path table = dir.resolve("bounces.tsv");
    Files.writeString(
        table,
        "email_file\trecipient_index\texpected_status\texpected_replycode\texpected_reason"
            + "\texpected_hardbounce\texpected_action\tmta_module\tlabels_disagree\n"
            + "emails/q.eml\t1\t5.5.0\t550\tuserunknown\ttrue\tfailed\tqmail\tno\n"
            + "emails/q.eml\t1\t5.1.1\t550\tuserunknown\ttrue\tfailed\tqmail\tno\n");
    assertThat(run("bounces", table.toString(), "--misses")).isZero();
    assertThat(out())
        .contains("MISS\temails/q.eml#1 qmail\tstatus: expected 5.1.1 got 5.5.0")
        .containsPattern("(?m)^code\\s+2 /\\s+2 ")
        .containsPattern("(?m)^status\\s+1 /\\s+2 ")
        .containsPattern("(?m)^class\\s+2 /\\s+2 ")
        .containsPattern("(?m)^reason\\s+2 /\\s+2 ");
  }

  @Test
  void aShortRowIsAnErrorNamingItsLine() throws Exception {
    Path table = dir.resolve("replies.tsv");
    Files.writeString(table, "reply_text\texpected_code\n550 no\t550\n");
    assertThat(run("replies", table.toString())).isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(err()).contains("line 2 has 2 fields; the table needs 5");
  }

  @Test
  void readsQuotedFields() {
    assertThat(LabelledTable.fields("a\t\"b \"\"c\"\"\"\t")).containsExactly("a", "b \"c\"", "");
  }

  @Test
  void aMissingTableOrABadCommandLineSaysWhat() {
    assertThat(run("replies", "/nonexistent/replies.tsv")).isEqualTo(SmtpReplyCli.INPUT_ERROR);
    assertThat(err()).contains("no such file /nonexistent/replies.tsv");
    assertThat(run("scores", "x.tsv")).isEqualTo(SmtpReplyCli.USAGE);
    assertThat(err()).contains("expected replies|bounces and one TABLE, got [scores, x.tsv]");
  }
}
