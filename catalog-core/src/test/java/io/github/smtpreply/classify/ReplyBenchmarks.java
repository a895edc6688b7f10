package io.github.smtpreply.classify;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.ReplyParser;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Each of our paths beside a straightforward java.util.regex version of the same work, measured in
 * the same run. Run: {@code ./mvnw -q -pl catalog-core test-compile exec:exec@bench} (JMH options
 * in {@code -Djmh.args=...}, default includes {@code -prof gc} for B/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplyBenchmarks {
  static final String REPLY =
      "550 5.1.1 <user@example.com>: Recipient address rejected: User unknown";
  static final String SUCCESS = "250 2.0.0 Ok: queued as 4D5B1A2B3C";
  static final String POSTFIX =
      "Nov 22 04:55:20 mx1 postfix/smtp[12345]: 4D5B1A2B3C: to=<user@example.net>,"
          + " relay=mx.example.net[192.0.2.10]:25, delay=0.52, delays=0.1/0/0.2/0.2, dsn=5.1.1,"
          + " status=bounced (host mx.example.net[192.0.2.10] said: 550 5.1.1 <user@example.net>:"
          + " User unknown (in reply to RCPT TO command))";

  private static final Pattern FIND =
      Pattern.compile(
          "(?<![\\w.\\-/@])([2-5][0-9]{2})[ -](?:([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\b)?");
  private static final Pattern STAGE = Pattern.compile("in reply to (.+?) command");

  private final Classifier classifier = Classifier.standard();
  private final RegexClassifier regexClassifier = new RegexClassifier();
  private final Catalog catalog = Catalog.standard();
  private final Map<String, CodeEntry> byString = new HashMap<>();
  private ReplyCode code550 = ReplyCode.of(550);
  private EnhancedStatus status511 = EnhancedStatus.of(5, 1, 1);
  private String key550 = "550";

  public ReplyBenchmarks() {
    for (CodeEntry e : catalog.entries()) {
      byString.put(e.id(), e);
    }
  }

  @Benchmark
  public Classification strictParseAndClassify() throws ReplyFormatException {
    return classifier.classify(ReplyParser.parse(REPLY));
  }

  /** The same work without the intermediate Reply: what allocates is the result and its text. */
  @Benchmark
  public Classification strictParseAndClassifyCombined() throws ReplyFormatException {
    return classifier.parseAndClassify(REPLY);
  }

  @Benchmark
  public Classification strictParseAndClassifyCombinedSuccess() throws ReplyFormatException {
    return classifier.parseAndClassify(SUCCESS);
  }

  @Benchmark
  public Classification strictParseAndClassifySuccess() throws ReplyFormatException {
    return classifier.classify(ReplyParser.parse(SUCCESS));
  }

  @Benchmark
  public String strictParseAndClassifySuccessRegex() {
    return regexClassifier.classify(SUCCESS);
  }

  @Benchmark
  public String strictParseAndClassifyRegex() {
    return regexClassifier.classify(REPLY);
  }

  /**
   * What a user would write instead: one regex for the reply line and a dozen case-insensitive
   * patterns for the reason, tried in order.
   */
  private static final Pattern LINE =
      Pattern.compile("^([2-5][0-9]{2})(?:[ -]([245]\\.[0-9]{1,3}\\.[0-9]{1,3}))?(?:[ -](.*))?$");

  private static final String[][] DOZEN = {
    {"user_unknown", "user unknown|unknown user|no such user|does not exist|recipient not found"},
    {"mailbox_full", "mailbox (is )?full|over quota|quota exceeded|insufficient storage"},
    {"spam", "spam|unsolicited|junk"},
    {"virus", "virus|malware|infected"},
    {"blocked", "blocked|blacklist|blocklist|spamhaus|listed (at|in)"},
    {"rate_limited", "rate limit|too many messages|try again later|throttl"},
    {"relay_denied", "relay(ing)? (access )?denied|not permitted to relay"},
    {"auth_required", "authentication required|must authenticate|starttls"},
    {"sender_auth", "spf|dkim|dmarc"},
    {"host_unknown", "host unknown|domain not found|no mx"},
    {"size_limit_exceeded", "message (size|too large)|exceeds size"},
    {"network", "timed out|connection refused|no route to host"},
  };

  private static final Pattern[] DOZEN_PATTERNS = new Pattern[DOZEN.length];

  static {
    for (int i = 0; i < DOZEN.length; i++) {
      DOZEN_PATTERNS[i] = Pattern.compile(DOZEN[i][1], Pattern.CASE_INSENSITIVE);
    }
  }

  static String dozenRegexClassify(String reply) {
    Matcher m = LINE.matcher(reply);
    if (!m.matches()) {
      return null;
    }
    if (m.group(1).charAt(0) < '4') {
      return "none";
    }
    String text = m.group(3) == null ? "" : m.group(3);
    for (int i = 0; i < DOZEN_PATTERNS.length; i++) {
      if (DOZEN_PATTERNS[i].matcher(text).find()) {
        return DOZEN[i][0];
      }
    }
    return "unknown";
  }

  @Benchmark
  public String strictParseAndClassifyDozenRegex() {
    return dozenRegexClassify(REPLY);
  }

  @Benchmark
  public String strictParseAndClassifySuccessDozenRegex() {
    return dozenRegexClassify(SUCCESS);
  }

  @Benchmark
  public Finding lenientFindInPostfixLine() {
    return ReplyFinder.find(POSTFIX);
  }

  @Benchmark
  public String lenientFindInPostfixLineRegex() {
    Matcher m = FIND.matcher(POSTFIX);
    String found = m.find() ? m.group(1) + " " + m.group(2) : null;
    Matcher s = STAGE.matcher(POSTFIX);
    return s.find() ? found + s.group(1) : found;
  }

  @Benchmark
  public BasicCodeEntry catalogLookupBasic() {
    return catalog.basic(code550);
  }

  @Benchmark
  public EnhancedCodeEntry catalogLookupEnhanced() {
    return catalog.enhanced(status511);
  }

  @Benchmark
  public CodeEntry catalogLookupHashMap() {
    return byString.get(key550);
  }
}
