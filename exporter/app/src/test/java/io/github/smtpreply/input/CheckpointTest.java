package io.github.smtpreply.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static final List<String> REPLIES =
      List.of(
          "250 2.0.0 Ok: queued as 9A8B7C",
          "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown",
          "450 4.2.0 Greylisted",
          "571 5.7.1 Delivery not authorized", // a code outside the catalog
          "421 4.9.99 something new", // a status outside the catalog
          "554 5.7.606 Access denied, banned sending IP",
          "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
          "something without a code");

  @Test
  void aSeriesRestoredFromTheCheckpointIsTheSeriesTheReplyWasCountedIn() throws IOException {
    SimpleMeterRegistry live = new SimpleMeterRegistry();
    SmtpReplyMetrics liveMetrics = new SmtpReplyMetrics();
    liveMetrics.bindTo(live);
    Tally tally = Tally.total();
    String[] routes = {"smtp", null, "relay", "free text, not a label"};
    for (int i = 0; i < REPLIES.size(); i++) {
      Classification c = Classifier.standard().classifyText(REPLIES.get(i));
      String route = routes[i % routes.length];
      liveMetrics.record(c, "postfix", route);
      tally.reply(Series.of(c, route, liveMetrics), c, 1);
    }
    Path file = dir.resolve("c.pos");
    new Checkpoint(
            new FilePosition("(dev=1,ino=2)", 10, 3, "abc"),
            Set.of(),
            Map.of("lines.understood", 8L),
            tally.replies())
        .write(file);

    SimpleMeterRegistry restored = new SimpleMeterRegistry();
    SmtpReplyMetrics restoredMetrics = new SmtpReplyMetrics();
    restoredMetrics.bindTo(restored);
    Tally back = Checkpoint.read(file).orElseThrow().tally();
    back.replies()
        .forEach(
            (series, n) ->
                restoredMetrics.record(back.example(series), "postfix", series.route(), n));
    assertThat(counts(restored)).isEqualTo(counts(live)).isNotEmpty();
  }

  private static Map<String, Double> counts(SimpleMeterRegistry registry) {
    Map<String, Double> out = new TreeMap<>();
    for (Meter m : registry.getMeters()) {
      if (m instanceof Counter c) {
        out.put(m.getId().getName() + m.getId().getTags(), c.count());
      }
    }
    return out;
  }

  @Test
  void roundTripsAndReadsTheVersion1Formats() throws IOException {
    Path file = dir.resolve("c.pos");
    Checkpoint c =
        new Checkpoint(null, Set.of("1700000000.M1P2.host"), Map.of("kind.feedback", 3L), Map.of());
    c.write(file);
    assertThat(Checkpoint.read(file)).contains(c);

    Files.writeString(file, "(dev=803,ino=42)\t1234\n");
    assertThat(Checkpoint.read(file).orElseThrow().position())
        .isEqualTo(new FilePosition("(dev=803,ino=42)", 1234, 0, ""));
    Files.writeString(file, "a.host\nb.host\n");
    assertThat(Checkpoint.read(file).orElseThrow().seen())
        .containsExactlyInAnyOrder("a.host", "b.host");
    assertThat(Checkpoint.read(dir.resolve("none"))).isEmpty();
  }

  @Test
  void aDamagedCheckpointIsAClearErrorNotAFreshStart() throws IOException {
    Path file = dir.resolve("c.pos");
    Files.writeString(file, Checkpoint.HEADER + "\ncount\tlines.understood\tmany\n");
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("many")
        .hasMessageContaining("move it away");
    Files.writeString(file, Checkpoint.HEADER + "\nreply\t550\n");
    assertThatThrownBy(() -> Checkpoint.read(file)).hasMessageContaining("has 2 fields, not 8");
  }
}
