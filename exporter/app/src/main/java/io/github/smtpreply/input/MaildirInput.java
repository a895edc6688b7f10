package io.github.smtpreply.input;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceKind;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A bounce mailbox as an input of the exporter: each message that arrives in a Maildir ({@code new}
 * and {@code cur}) is read once, its recipients counted into {@link SmtpReplyMetrics} with source
 * {@code dsn}, and the message counted in {@code smtp.dsn.messages} by {@code kind}. The mailbox is
 * only read, never changed; a message moved from {@code new} to {@code cur} (its name gains a
 * {@code :2,} suffix) is the same message. What was already there at start is skipped unless asked
 * for, like a log followed from its end.
 *
 * <p>After each poll that read something, the checkpoint (the names read and the counts so far) is
 * written before the counts reach the meters, so a restart, even after {@code kill -9}, neither
 * repeats nor loses a message and continues the counters where they were.
 */
public final class MaildirInput {
  private static final String KIND = "kind.";
  private final Path maildir;
  private final Path checkpoint;
  private final Consumer<String> report;
  private boolean changed;
  private final SmtpReplyMetrics metrics;
  private final BounceReader reader = BounceReader.standard();
  private final Map<BounceKind, Counter> messages = new EnumMap<>(BounceKind.class);
  private Set<String> seen = new HashSet<>();
  private final Tally total = Tally.total();
  private final Tally batch = Tally.batch();
  private volatile boolean up = true;

  /**
   * @param checkpoint where the names already read and the counts so far are kept
   * @param fromBeginning with no checkpoint, whether the messages already there are read too
   * @param report receives a sentence when the Maildir goes away or comes back
   * @throws IOException if the Maildir cannot be listed or its checkpoint is unreadable
   */
  public MaildirInput(
      Path maildir,
      Path checkpoint,
      boolean fromBeginning,
      SmtpReplyMetrics metrics,
      MeterRegistry registry,
      Consumer<String> report)
      throws IOException {
    this.maildir = maildir;
    this.checkpoint = checkpoint;
    this.metrics = metrics;
    this.report = report;
    for (BounceKind kind : BounceKind.values()) {
      messages.put(
          kind,
          Counter.builder(InputMeters.DSN_MESSAGES)
              .description(InputMeters.DSN_MESSAGES_HELP)
              .tags(InputMeters.INPUT, maildir.toString(), InputMeters.KIND, kind.label())
              .register(registry));
    }
    if (!isMaildir()) {
      throw new IOException(maildir + " is not a Maildir (it has neither new/ nor cur/)");
    }
    Optional<Checkpoint> saved = Checkpoint.read(checkpoint);
    if (saved.isPresent()) {
      seen.addAll(saved.get().seen());
      Tally counts = saved.get().tally();
      put(counts);
      total.addAll(counts);
    } else if (!fromBeginning) {
      for (Path file : files()) {
        seen.add(key(file));
      }
      changed = true;
      save();
    }
  }

  String name() {
    return maildir.toString();
  }

  /** True while the folder is a Maildir. */
  public boolean up() {
    return up;
  }

  /**
   * Reads the messages that arrived since the last poll and, if anything changed, saves the
   * checkpoint before the counts reach the meters.
   *
   * @return how many messages were read
   * @throws IOException if the Maildir cannot be listed or the checkpoint cannot be written (the
   *     counts reach the meters all the same)
   */
  public int poll() throws IOException {
    boolean now = isMaildir();
    if (now != up) {
      up = now;
      report.accept(maildir + (now ? " is a Maildir again" : " is gone or no Maildir any more"));
    }
    if (!now) {
      return 0;
    }
    Set<String> present = new HashSet<>();
    int read = 0;
    for (Path file : files()) {
      String key = key(file);
      if (seen.contains(key) || present.contains(key)) {
        present.add(key);
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        for (Bounce bounce : reader.readMailbox(in)) {
          batch.count(KIND + bounce.kind().label());
          for (Classification reply : bounce.deliveryReplies()) {
            batch.reply(Series.of(reply, null, metrics), reply, 1);
          }
        }
        read++;
      } catch (NoSuchFileException e) {
        // Moved from new/ to cur/ while listed: it is read under its new name next time.
        continue;
      }
      present.add(key);
    }
    // Only the names still in the Maildir are remembered, so memory follows the mailbox's size.
    changed |= read > 0 || !present.equals(seen);
    seen = present;
    try {
      save();
    } finally {
      put(batch);
      batch.clear();
    }
    return read;
  }

  private void save() throws IOException {
    total.addAll(batch);
    if (changed) {
      new Checkpoint(null, seen, total.counts(), total.replies()).write(checkpoint);
      changed = false;
    }
  }

  private void put(Tally counts) {
    for (BounceKind kind : BounceKind.values()) {
      messages.get(kind).increment(counts.get(KIND + kind.label()));
    }
    for (Map.Entry<Series, Long> e : counts.replies().entrySet()) {
      metrics.record(counts.example(e.getKey()), SmtpReplyMeters.SOURCE_DSN, null, e.getValue());
    }
  }

  private boolean isMaildir() {
    return Files.isDirectory(maildir.resolve("new")) || Files.isDirectory(maildir.resolve("cur"));
  }

  private Set<Path> files() throws IOException {
    Set<Path> files = new HashSet<>();
    for (String sub : new String[] {"new", "cur"}) {
      Path dir = maildir.resolve(sub);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path file : stream) {
          if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
            files.add(file);
          }
        }
      }
    }
    return files;
  }

  /** The message's unique name: its file name without the {@code :2,FLAGS} info suffix. */
  private static String key(Path file) {
    String name = file.getFileName().toString();
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
