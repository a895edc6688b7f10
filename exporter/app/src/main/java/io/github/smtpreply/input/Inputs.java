package io.github.smtpreply.input;

import io.github.smtpreply.logs.LogParser;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The exporter's followed inputs, log files and bounce Maildirs, and the one thread that polls
 * them: logs four times a second (at once again while one is behind), Maildirs every two seconds.
 * Each input's checkpoint lives in the checkpoint folder under a name made of the input's absolute
 * path, and is written after each batch that moved it, before the batch's counts reach the meters.
 *
 * <p>{@link #ready()} is true while every input is there and readable; {@code smtp_log_input_up}
 * and {@code smtp_dsn_input_up} say which is not. A change of an input's state is reported once on
 * {@code err}.
 */
public final class Inputs implements AutoCloseable {
  private static final long LOG_POLL_MILLIS = 250;
  private static final long MAILDIR_POLL_NANOS = 2_000_000_000L;

  private final Path checkpointDir;
  private final boolean fromBeginning;
  private final SmtpReplyMetrics metrics;
  private final MeterRegistry registry;
  private final PrintStream err;
  private final List<FollowedLog> logs = new ArrayList<>();
  private final List<MaildirInput> maildirs = new ArrayList<>();
  private volatile boolean running = true;
  private Thread thread;

  /**
   * @param checkpointDir where checkpoints are kept; created if missing
   * @param fromBeginning inputs without checkpoint start at the start of what is there
   */
  public Inputs(
      Path checkpointDir,
      boolean fromBeginning,
      SmtpReplyMetrics metrics,
      MeterRegistry registry,
      PrintStream err)
      throws IOException {
    this.checkpointDir = checkpointDir;
    this.fromBeginning = fromBeginning;
    this.metrics = metrics;
    this.registry = registry;
    this.err = err;
    Files.createDirectories(checkpointDir);
  }

  /** {@code ~/.local/state/smtp-reply}: where checkpoints are kept unless told otherwise. */
  public static Path defaultCheckpointDir() {
    return Path.of(System.getProperty("user.home"), ".local", "state", "smtp-reply");
  }

  /** The checkpoint of a log read as {@code format} ({@code postfix-1a2b3c4d.pos}). */
  static Path logCheckpoint(Path dir, String format, Path log) {
    return dir.resolve(format + "-" + hash(log) + ".pos");
  }

  /** The checkpoint of a Maildir ({@code maildir-1a2b3c4d.seen}). */
  static Path maildirCheckpoint(Path dir, Path maildir) {
    return dir.resolve("maildir-" + hash(maildir) + ".seen");
  }

  private static String hash(Path path) {
    return Integer.toHexString(path.toAbsolutePath().toString().hashCode());
  }

  /**
   * Follows a log file, continuing from its checkpoint.
   *
   * @param format {@code postfix}, {@code exim}, {@code sendmail} or {@code opensmtpd}: the {@code
   *     source} label and the checkpoint name
   * @throws IOException if its checkpoint is unreadable
   */
  public void addLog(String format, Path log, LogParser parser) throws IOException {
    Path checkpoint = logCheckpoint(checkpointDir, format, log);
    Optional<Checkpoint> saved = Checkpoint.read(checkpoint);
    LogInput input = new LogInput(log.toString(), format, parser, metrics, registry);
    saved.ifPresent(c -> input.restore(c.tally()));
    FileFollower follower =
        new FileFollower(
            log, saved.map(Checkpoint::position).orElse(null), fromBeginning, input, reporter());
    FollowedLog followed = new FollowedLog(follower, input, checkpoint);
    Gauge.builder(InputMeters.LOG_INPUT_UP, follower, f -> f.up() ? 1 : 0)
        .description(InputMeters.LOG_INPUT_UP_HELP)
        .tags(InputMeters.INPUT, log.toString())
        .register(registry);
    logs.add(followed);
  }

  /**
   * Reads a bounce Maildir, continuing from its checkpoint.
   *
   * @throws IOException if it is no Maildir or its checkpoint is unreadable
   */
  public void addMaildir(Path maildir) throws IOException {
    MaildirInput input =
        new MaildirInput(
            maildir,
            maildirCheckpoint(checkpointDir, maildir),
            fromBeginning,
            metrics,
            registry,
            reporter());
    Gauge.builder(InputMeters.DSN_INPUT_UP, input, m -> m.up() ? 1 : 0)
        .description(InputMeters.DSN_INPUT_UP_HELP)
        .tags(InputMeters.INPUT, maildir.toString())
        .register(registry);
    maildirs.add(input);
  }

  /** True while every input is there and readable. */
  public boolean ready() {
    return logs.stream().allMatch(l -> l.follower().up())
        && maildirs.stream().allMatch(MaildirInput::up);
  }

  /** Starts polling on a daemon thread (nothing to do without inputs). */
  public synchronized void start() {
    if (thread == null && (!logs.isEmpty() || !maildirs.isEmpty())) {
      thread = new Thread(this::run, "smtp-reply-inputs");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Stops polling after the current batch, whose checkpoint is then written. */
  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (FollowedLog log : logs) {
      try {
        log.follower().close();
      } catch (IOException e) {
        err.println("smtp-reply: " + e.getMessage());
      }
    }
  }

  private void run() {
    long lastMaildirPoll = 0;
    ProblemReport problems = new ProblemReport(reporter());
    while (running) {
      if (System.nanoTime() - lastMaildirPoll > MAILDIR_POLL_NANOS) {
        for (MaildirInput maildir : maildirs) {
          try {
            maildir.poll();
            problems.clear(maildir, maildir.name());
          } catch (IOException e) {
            problems.report(maildir, maildir.name() + ": " + e.getMessage());
          }
        }
        lastMaildirPoll = System.nanoTime();
      }
      boolean behind = false;
      for (FollowedLog log : logs) {
        try {
          log.poll();
          problems.clear(log, log.name());
        } catch (IOException e) {
          problems.report(log, log.name() + ": " + e.getMessage());
        }
        behind |= !log.follower().caughtUp();
      }
      if (!behind) {
        try {
          Thread.sleep(LOG_POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private Consumer<String> reporter() {
    return message -> err.println("smtp-reply: " + message);
  }

  /** A log file's follower, its counts and its checkpoint. */
  private static final class FollowedLog {
    private final FileFollower follower;
    private final LogInput input;
    private final Path checkpoint;
    private FilePosition saved;

    FollowedLog(FileFollower follower, LogInput input, Path checkpoint) {
      this.follower = follower;
      this.input = input;
      this.checkpoint = checkpoint;
    }

    FileFollower follower() {
      return follower;
    }

    String name() {
      return input.name();
    }

    /** Reads a batch, saves the checkpoint if it moved, then puts the batch on the meters. */
    void poll() throws IOException {
      try {
        follower.poll();
      } finally {
        boolean counted = input.pending();
        Tally total = input.commit();
        FilePosition at = follower.position();
        try {
          if (at != null && (counted || !at.equals(saved))) {
            new Checkpoint(at, Set.of(), total.counts(), total.replies()).write(checkpoint);
            saved = at;
          }
        } finally {
          input.publish();
        }
      }
    }
  }

  /** Says an input's error once, until it goes away, rather than four times a second. */
  private static final class ProblemReport {
    private final Consumer<String> out;
    private final Map<Object, String> last = new IdentityHashMap<>();

    ProblemReport(Consumer<String> out) {
      this.out = out;
    }

    void report(Object input, String message) {
      if (!Objects.equals(last.put(input, message), message)) {
        out.accept(message);
      }
    }

    void clear(Object input, String name) {
      if (last.remove(input) != null) {
        out.accept(name + " works again");
      }
    }
  }
}
