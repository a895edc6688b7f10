package io.github.smtpreply.cli;

import io.github.smtpreply.input.Inputs;
import io.github.smtpreply.input.LogInput;
import io.github.smtpreply.logs.LogParser;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.github.smtpreply.server.ConfigException;
import io.github.smtpreply.server.ExporterServer;
import io.github.smtpreply.server.WebConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: the standalone exporter. Reads the logs given with {@code --postfix-log} and
 * {@code --exim-log} (a file, followed like {@code tail -F}, or {@code -} for stdin) and the bounce
 * mailboxes given with {@code --dsn-maildir}, or, given none, replays the bundled demo log (source
 * {@code demo}), and serves {@code /metrics}, the explanation pages and the API.
 */
final class ServeCommand {
  static final int DEFAULT_PORT = 9465;

  /** Demo lines per second: enough to see counters move, little enough to read them. */
  static final int DEMO_RATE = 2;

  /** A log to follow; its format names its parser and is the {@code source} of its replies. */
  private record Input(String format, String path) {}

  void run(List<String> args, InputStream stdin, PrintStream out, PrintStream err)
      throws UsageException, ConfigException, IOException {
    int port = DEFAULT_PORT;
    String bind = "0.0.0.0";
    boolean fromBeginning = false;
    boolean demo = false;
    int maxSeries = SmtpReplyMetrics.DEFAULT_MAX_SERIES;
    Path checkpointDir = Inputs.defaultCheckpointDir();
    WebConfig webConfig = WebConfig.none();
    List<Input> inputs = new ArrayList<>();
    List<Path> maildirs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--port" -> port = port(Cli.value(args, ++i, arg));
        case "--bind" -> bind = Cli.value(args, ++i, arg);
        case "--postfix-log" ->
            inputs.add(new Input(SmtpReplyMeters.SOURCE_POSTFIX, Cli.value(args, ++i, arg)));
        case "--exim-log" ->
            inputs.add(new Input(SmtpReplyMeters.SOURCE_EXIM, Cli.value(args, ++i, arg)));
        case "--dsn-maildir" -> maildirs.add(Path.of(Cli.value(args, ++i, arg)));
        case "--from-beginning" -> fromBeginning = true;
        case "--demo" -> demo = true;
        case "--max-series" -> maxSeries = maxSeries(Cli.value(args, ++i, arg));
        case "--checkpoint-dir" -> checkpointDir = Path.of(Cli.value(args, ++i, arg));
        case "--web-config" -> webConfig = WebConfig.read(Path.of(Cli.value(args, ++i, arg)));
        default ->
            throw new UsageException("unknown option '" + Cli.printable(arg) + "' for serve");
      }
    }
    if (inputs.stream().filter(in -> in.path().equals("-")).count() > 1) {
      throw new UsageException("only one input can read stdin (-)");
    }
    demo |= inputs.isEmpty() && maildirs.isEmpty();

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true, maxSeries);
    metrics.bindTo(registry);
    Inputs followed = new Inputs(checkpointDir, fromBeginning, metrics, registry, err);
    for (Input input : inputs) {
      LogParser parser = LogCommand.parser(input.format());
      if (input.path().equals("-")) {
        LogInput sink = new LogInput(input.path(), input.format(), parser, metrics, registry);
        daemon("smtp-reply-stdin", () -> readStdin(stdin, sink, err)).start();
      } else {
        followed.addLog(input.format(), Path.of(input.path()), parser);
      }
    }
    for (Path maildir : maildirs) {
      try {
        followed.addMaildir(maildir);
      } catch (IOException e) {
        throw new UsageException("--dsn-maildir: " + e.getMessage());
      }
    }
    if (demo) {
      LogInput sink =
          new LogInput(
              "demo",
              SmtpReplyMeters.SOURCE_DEMO,
              LogCommand.parser(SmtpReplyMeters.SOURCE_POSTFIX),
              metrics,
              registry);
      daemon("smtp-reply-demo", () -> replayDemo(sink)).start();
    }
    followed.start();
    ExporterServer server =
        ExporterServer.start(
            new InetSocketAddress(bind, port), registry, followed::ready, webConfig);
    String scheme = webConfig.usesTls() ? "https" : "http";
    err.println(
        "smtp-reply: serving "
            + scheme
            + "://"
            + bind
            + ":"
            + server.port()
            + "/metrics and /codes"
            + (demo ? " (replaying the bundled DEMO log as source=\"demo\")" : ""));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  followed.close();
                  server.close();
                  stop.countDown();
                }));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void readStdin(InputStream stdin, LogInput sink, PrintStream err) {
    try (LineInput in = new LineInput(stdin)) {
      while (in.advance()) {
        sink.acceptNow(in.bytes(), in.from(), in.to());
      }
    } catch (IOException e) {
      err.println("smtp-reply: stdin: " + e.getMessage());
    }
  }

  private static void replayDemo(LogInput sink) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                ServeCommand.class.getResourceAsStream("/io/github/smtpreply/demo/demo-mail.log"),
                StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("bundled demo log unreadable", e);
    }
    for (int i = 0; ; i = (i + 1) % lines.size()) {
      sink.acceptNow(lines.get(i));
      sleep(1000 / DEMO_RATE);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private static int maxSeries(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n < 64 || n > SmtpReplyMetrics.MAX_SERIES_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--max-series needs a number 64-"
              + SmtpReplyMetrics.MAX_SERIES_LIMIT
              + ", not '"
              + Cli.printable(value)
              + "'");
    }
  }

  private static int port(String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException("--port needs a number 0-65535, not '" + Cli.printable(value) + "'");
    }
  }
}
