package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The byte path's reply cache leaves the queue id of a 2xx reply out of its key: its
 * classifications must be those the uncached reading gives, for every id.
 */
class ReplyCacheTest {
  private static final Pattern QUEUED_AS = Pattern.compile("queued as [0-9A-Za-z]+");
  private static final String HEX = "0123456789ABCDEF";
  // Postfix's long queue ids (enable_long_queue_ids): digits and consonants, no vowels.
  private static final String LONG = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";

  @Test
  void aQueueIdNeverChangesWhatTheCachedReadingGives() throws Exception {
    List<String> withId = new ArrayList<>();
    for (byte[] b : ByteReadTest.lines()) {
      String line = new String(b, StandardCharsets.UTF_8);
      if (line.contains(" status=") && QUEUED_AS.matcher(line).find()) {
        withId.add(line);
      }
    }
    // Accepted replies of other servers, as fixtures quote them, and 4xx/5xx ones that say
    // "queued as" too: their ids stay in the key.
    withId.add(
        "Nov 22 04:55:20 mx1 postfix/smtp[2101]: 0000000001: to=<a@example.net>,"
            + " relay=mx.example.net[192.0.2.10]:25, delay=0.52, delays=0.1/0/0.2/0.2, dsn=4.7.1,"
            + " status=deferred (host mx.example.net[192.0.2.10] said: 450 4.7.1 queued as SPAM"
            + " (in reply to end of DATA command))");
    withId.add(
        "Nov 22 04:55:20 mx1 postfix/smtp[2101]: 0000000001: to=<a@example.net>,"
            + " relay=mx.example.net[192.0.2.10]:25, delay=0.52, delays=0.1/0/0.2/0.2, dsn=2.0.0,"
            + " status=sent (250 2.0.0 Ok: queued as 4ZyR2b6Rblz3 spam virus)");
    withId.add(
        "Nov 22 04:55:20 mx1 postfix/smtp[2101]: 0000000001: to=<a@example.net>,"
            + " relay=mx.example.net[192.0.2.10]:25, delay=0.52, dsn=2.0.0,"
            + " status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as"
            + " 9A8B7C)");
    assertThat(withId).hasSizeGreaterThanOrEqualTo(5);
    Random random = new Random(12);
    PostfixLogParser cached = new PostfixLogParser(ZoneOffset.UTC);
    int hits = 0;
    for (int round = 0; round < 200; round++) {
      for (String line : withId) {
        String id = randomId(random);
        String text =
            QUEUED_AS.matcher(line).replaceAll(Matcher.quoteReplacement("queued as " + id));
        if (round % 7 == 0) {
          text = text.replace("queued as " + id, "queued as SPAM");
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        LogParser.Line viaCache = cached.read(b, 0, b.length);
        LogParser.Line uncached = new PostfixLogParser(ZoneOffset.UTC).read(text);
        assertThat(viaCache).as(text).isEqualTo(uncached);
        if (viaCache.event() != null && viaCache.event().reply().text().contains(id)) {
          hits++;
        }
      }
    }
    assertThat(hits).isGreaterThan(100);
  }

  @Test
  void onlyTheIdOfAnAcceptedReplyIsLeftOut() {
    ReplyCache cache = new ReplyCache(64);
    byte[] a = "250 2.0.0 Ok: queued as 4F1A2B3C41".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "250 2.0.0 Ok: queued as 9Zx".getBytes(StandardCharsets.US_ASCII);
    byte[] c = "450 4.7.1 Ok: queued as SPAM".getBytes(StandardCharsets.US_ASCII);
    byte[] d = "450 4.7.1 Ok: queued as 1234".getBytes(StandardCharsets.US_ASCII);
    var value = io.github.smtpreply.classify.Classifier.standard().classifyText("250 ok");
    assertThat(cache.get(a, 0, a.length, -1, -1)).isNull();
    assertThat(cache.normalised()).isTrue();
    cache.put(value);
    assertThat(cache.get(b, 0, b.length, -1, -1)).isSameAs(value);
    assertThat(cache.get(c, 0, c.length, -1, -1)).isNull();
    assertThat(cache.normalised()).isFalse();
    cache.put(value);
    assertThat(cache.get(d, 0, d.length, -1, -1)).isNull();
  }

  /**
   * A log line may be a mebibyte long: a text longer than {@link ParserMemory#MAX_TEXT} is read
   * each time it comes and never kept, so a stream of long distinct replies cannot fill the cache
   * with mebibytes per slot; a short text beside it is kept as before.
   */
  @Test
  void aTextLongerThanWhatIsKeptIsNeverKept() {
    ReplyCache cache = new ReplyCache(64);
    var value = io.github.smtpreply.classify.Classifier.standard().classifyText("550 no");
    byte[] longText =
        ("550 5.1.1 " + "x".repeat(ParserMemory.MAX_TEXT)).getBytes(StandardCharsets.US_ASCII);
    assertThat(cache.get(longText, 0, longText.length, -1, -1)).isNull();
    cache.put(value);
    assertThat(cache.get(longText, 0, longText.length, -1, -1)).isNull();
    byte[] shortText = "550 5.1.1 no such user".getBytes(StandardCharsets.US_ASCII);
    assertThat(cache.get(shortText, 0, shortText.length, -1, -1)).isNull();
    cache.put(value);
    assertThat(cache.get(shortText, 0, shortText.length, -1, -1)).isSameAs(value);
  }

  /**
   * The attempt a status line may repeat is remembered only when short enough to keep: a longer one
   * is counted again on its status line rather than held in memory per process.
   */
  @Test
  void anAttemptTooLongToRememberIsNotTakenForARepeat() {
    String text =
        "host mx.example.com[192.0.2.1] said: 451 4.3.0 " + "y".repeat(ParserMemory.MAX_TEXT);
    String attempt = "Nov 22 04:55:20 mx1 postfix/smtp[7]: 0000000001: " + text;
    String status =
        "Nov 22 04:55:21 mx1 postfix/smtp[7]: 0000000001: to=<a@example.net>,"
            + " relay=mx.example.com[192.0.2.1]:25, dsn=4.3.0, status=deferred ("
            + text
            + ")";
    String shortText = "host mx.example.com[192.0.2.1] said: 451 4.3.0 try later";
    for (boolean fromBytes : new boolean[] {false, true}) {
      PostfixLogParser parser = new PostfixLogParser(ZoneOffset.UTC);
      assertThat(read(parser, attempt, fromBytes).event()).isNotNull();
      assertThat(read(parser, status, fromBytes).event().repeat()).isFalse();
      read(parser, attempt.replace(text, shortText), fromBytes);
      assertThat(read(parser, status.replace(text, shortText), fromBytes).event().repeat())
          .isTrue();
    }
  }

  private static LogParser.Line read(PostfixLogParser parser, String line, boolean fromBytes) {
    if (!fromBytes) {
      return parser.read(line);
    }
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return parser.read(b, 0, b.length);
  }

  private static String randomId(Random random) {
    String alphabet = random.nextBoolean() ? HEX : LONG;
    int length = alphabet == HEX ? 8 + random.nextInt(5) : 12 + random.nextInt(4);
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < length; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
