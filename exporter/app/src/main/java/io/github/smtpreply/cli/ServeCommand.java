package io.github.smtpreply.cli;

import io.github.smtpreply.demo.Demo;
import io.github.smtpreply.demo.DemoTraffic;
import io.github.smtpreply.input.Inputs;
import io.github.smtpreply.input.LogInput;
import io.github.smtpreply.logs.LogParser;
import io.github.smtpreply.metrics.SmtpReplyMeters;
import io.github.smtpreply.metrics.SmtpReplyMetrics;
import io.github.smtpreply.server.ConfigException;
import io.github.smtpreply.server.ExporterServer;
import io.github.smtpreply.server.WebConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: the standalone exporter. Reads the logs given with {@code --postfix-log}, {@code
 * --exim-log}, {@code --sendmail-log} and {@code --opensmtpd-log} (a file, followed like {@code
 * tail -F}, or {@code -} for stdin) and the bounce mailboxes given with {@code --dsn-maildir}, and
 * with {@code --demo} generates demo traffic (see {@link DemoTraffic}); it serves {@code /metrics},
 * the explanation pages and the API. Given no input and no {@code --demo}, it serves the pages and
 * an empty metric set: no fake traffic.
 */
final class ServeCommand {
  static final int DEFAULT_PORT = 9465;

  /** The demo's seed when none is given. */
  static final long DEFAULT_DEMO_SEED = 1;

  /** A log to follow; its format names its parser and is the {@code source} of its replies. */
  private record Input(String format, String path) {}

  void run(List<String> args, InputStream stdin, PrintStream out, PrintStream err)
      throws UsageException, ConfigException, IOException {
    int port = DEFAULT_PORT;
    String bind = "0.0.0.0";
    boolean fromBeginning = false;
    boolean demo = false;
    Long demoSeed = null;
    Integer demoSpeed = null;
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
        case "--sendmail-log" ->
            inputs.add(new Input(SmtpReplyMeters.SOURCE_SENDMAIL, Cli.value(args, ++i, arg)));
        case "--opensmtpd-log" ->
            inputs.add(new Input(SmtpReplyMeters.SOURCE_OPENSMTPD, Cli.value(args, ++i, arg)));
        case "--dsn-maildir" -> maildirs.add(Path.of(Cli.value(args, ++i, arg)));
        case "--from-beginning" -> fromBeginning = true;
        case "--demo" -> demo = true;
        case "--demo-seed" -> demoSeed = seed(Cli.value(args, ++i, arg));
        case "--demo-speed" -> demoSpeed = speed(Cli.value(args, ++i, arg));
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
    if (!demo && (demoSeed != null || demoSpeed != null)) {
      throw new UsageException("--demo-seed and --demo-speed go with --demo");
    }

    SmtpReplyMetrics metrics = new SmtpReplyMetrics(List.of(), true, maxSeries);
    PrometheusMeterRegistry registry = registry(metrics);
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
      Demo generator =
          new Demo(
              DemoTraffic.standard(),
              demoSeed == null ? DEFAULT_DEMO_SEED : demoSeed,
              metrics,
              registry);
      int speed = demoSpeed == null ? 1 : demoSpeed;
      daemon("smtp-reply-demo", () -> generator.run(speed)).start();
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
            + (demo
                ? " with DEMO traffic (seed "
                    + (demoSeed == null ? DEFAULT_DEMO_SEED : demoSeed)
                    + ", a "
                    + DemoTraffic.standard().cycleMinutes()
                    + "-minute cycle of incidents)"
                : inputs.isEmpty() && maildirs.isEmpty()
                    ? " (no input: the pages, and metrics that stay empty; --demo for demo traffic)"
                    : ""));
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

  /** The exporter's registry: the reply meters, and smtp_reply_build_info. */
  static PrometheusMeterRegistry registry(SmtpReplyMetrics metrics) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics.bindTo(registry);
    Gauge.builder(SmtpReplyMeters.BUILD_INFO, () -> 1)
        .description(SmtpReplyMeters.BUILD_INFO_HELP)
        .tags(
            SmtpReplyMeters.VERSION,
            SmtpReplyCli.version(),
            SmtpReplyMeters.JAVA_VERSION,
            System.getProperty("java.version", "unknown"))
        .register(registry);
    return registry;
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

  private static long seed(String value) throws UsageException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--demo-seed needs a whole number, not '" + Cli.printable(value) + "'");
    }
  }

  private static int speed(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n < 1 || n > 60) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--demo-speed needs a number 1-60, not '" + Cli.printable(value) + "'");
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
