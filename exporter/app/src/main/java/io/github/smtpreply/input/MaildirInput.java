package io.github.smtpreply.input;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceKind;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A bounce mailbox as an input of the exporter: each message that arrives in a Maildir ({@code new}
 * and {@code cur}) is read once, its recipients counted into {@link SmtpReplyMetrics} with source
 * {@code dsn}, and the message counted in {@code smtp.dsn.messages} by {@code kind}. The mailbox is
 * only read, never changed; a message moved from {@code new} to {@code cur} (its name gains a
 * {@code :2,} suffix) is the same message. What was already there at start is skipped unless asked
 * for, like a log followed from its end.
 */
public final class MaildirInput {
  private final Path maildir;
  private final Path checkpoint;
  private boolean changed;
  private final SmtpReplyMetrics metrics;
  private final BounceReader reader = BounceReader.standard();
  private final Map<BounceKind, Counter> messages = new EnumMap<>(BounceKind.class);
  private Set<String> seen = new HashSet<>();

  /**
   * @param checkpoint where the names already read are kept (one per line)
   * @param fromBeginning with no checkpoint, whether the messages already there are read too
   * @throws IOException if the Maildir cannot be listed
   */
  public MaildirInput(
      Path maildir,
      Path checkpoint,
      boolean fromBeginning,
      SmtpReplyMetrics metrics,
      MeterRegistry registry)
      throws IOException {
    this.maildir = maildir;
    this.checkpoint = checkpoint;
    this.metrics = metrics;
    for (BounceKind kind : BounceKind.values()) {
      messages.put(
          kind,
          Counter.builder("smtp.dsn.messages")
              .description("Messages read from a bounce mailbox, by what they were")
              .tags("input", maildir.toString(), "kind", kind.label())
              .register(registry));
    }
    if (!Files.isDirectory(maildir.resolve("new")) && !Files.isDirectory(maildir.resolve("cur"))) {
      throw new IOException(maildir + " is not a Maildir (it has neither new/ nor cur/)");
    }
    if (Files.isRegularFile(checkpoint)) {
      for (String name : Files.readAllLines(checkpoint, StandardCharsets.UTF_8)) {
        if (!name.isBlank()) {
          seen.add(name.strip());
        }
      }
    } else if (!fromBeginning) {
      for (Path file : files()) {
        seen.add(key(file));
      }
      changed = true;
    }
  }

  /** Saves the names already read, if they changed since the last save. */
  public void saveCheckpoint() throws IOException {
    if (changed) {
      Checkpoint.writeAtomically(checkpoint, String.join("\n", seen) + "\n");
      changed = false;
    }
  }

  /**
   * Reads the messages that arrived since the last poll.
   *
   * @return how many messages were read
   * @throws IOException if the Maildir cannot be listed
   */
  public int poll() throws IOException {
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
          messages.get(bounce.kind()).increment();
          for (Classification reply : bounce.deliveryReplies()) {
            metrics.record(reply, SmtpReplyMetrics.DSN_SOURCE, null);
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
    return read;
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
