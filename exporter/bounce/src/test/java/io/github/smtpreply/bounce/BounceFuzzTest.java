package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real bounces mutated where MIME and report parsing are most fragile (boundaries, header
 * separators, field names, line breaks, transfer encodings, charsets): every result is a bounce or
 * "not understood", never an exception. {@code bounce.fuzz.inputs} sets the number (default 2,000
 * in the normal build); the counts go to {@code target/bounce-fuzz-result.txt}.
 */
class BounceFuzzTest {
  private static final String[] SNIPPETS = {
    "\n--",
    "--\n",
    "\n\n",
    "\r\n",
    ":",
    ";",
    "boundary=\"x\"",
    "Content-Type: multipart/mixed\n",
    "Content-Type: message/delivery-status\n",
    "Content-Transfer-Encoding: base64\n",
    "charset=x-unknown",
    "=?utf-8?B?////?=",
    "Final-Recipient: rfc822; ",
    "Status: 9.9.999\n",
    "Diagnostic-Code: smtp; 550",
    "<a@b>",
    "\u0000",
    "\u00ff\u00fe",
    "=\n",
    "(#5.1.1)",
  };

  @Test
  void mutatedBouncesNeverThrow() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    Path dir = Path.of("target/test-classes/fixtures/bounces");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
        seeds.add(Files.readAllBytes(p));
      }
    }
    assertThat(seeds).isNotEmpty();
    long inputs = Long.getLong("bounce.fuzz.inputs", 2_000L);
    SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 20261122L));
    BounceReader reader = BounceReader.standard();
    int[] kinds = new int[BounceKind.values().length];
    for (long n = 0; n < inputs; n++) {
      String message =
          new String(seeds.get(random.nextInt(seeds.size())), StandardCharsets.ISO_8859_1);
      StringBuilder s = new StringBuilder(message);
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int pos = random.nextInt(s.length() + 1);
        switch (random.nextInt(4)) {
          case 0 -> s.insert(pos, SNIPPETS[random.nextInt(SNIPPETS.length)]);
          case 1 -> s.delete(pos, Math.min(s.length(), pos + random.nextInt(64)));
          case 2 -> s.setLength(pos);
          default -> {
            if (pos < s.length()) {
              s.setCharAt(pos, (char) random.nextInt(256));
            }
          }
        }
      }
      byte[] bytes = s.toString().getBytes(StandardCharsets.ISO_8859_1);
      Bounce bounce;
      try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
        bounce = reader.read(in);
      }
      assertThat(bounce.kind()).isNotNull();
      if (bounce.kind() == BounceKind.NOT_UNDERSTOOD) {
        assertThat(bounce.problem()).isNotBlank();
      }
      kinds[bounce.kind().ordinal()]++;
    }
    StringBuilder report = new StringBuilder(inputs + " mutated bounces, 0 exceptions\n");
    for (BounceKind kind : BounceKind.values()) {
      report.append(kind.label()).append('\t').append(kinds[kind.ordinal()]).append('\n');
    }
    Files.writeString(Path.of("target/bounce-fuzz-result.txt"), report);
  }
}
