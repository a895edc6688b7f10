package io.github.smtpreply.cli;

import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.server.ConfigException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The {@code smtp-reply} command line. Exit codes: 0 success, 1 input could not be read, 2 bad
 * command line (unknown command, option or code) or configuration (web config, listen address).
 */
public final class SmtpReplyCli {
  static final int OK = 0;
  static final int INPUT_ERROR = 1;
  static final int USAGE = 2;

  static final String EXIT_CODES =
      """
      Exit codes: 0 done; 1 input could not be read (or a bounce not understood, or Grafana
      refused or failed); 2 bad command line or configuration (--web-config file, address to
      listen on, token file; the message says what was wrong).
      """;

  /** How one command runs once its name is known; {@code args} are the words after the name. */
  @FunctionalInterface
  private interface Body {
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err)
        throws UsageException, ConfigException, IOException;
  }

  /** A command: its name, its usage (the whole of {@code smtp-reply NAME --help}), its body. */
  private record Command(String name, String usage, Body body) {}

  /** Every command, in the order --help lists them; the only place a command is declared. */
  private static final List<Command> COMMANDS =
      List.of(
          new Command(
              "classify",
              """
                smtp-reply classify [--as-received] [REPLY...]
                    Reply texts, one per line on stdin (or as arguments), to TSV on stdout:
                    code, enhanced, class, reason, stage. `enhanced` is the status as received,
                    else the one MTAs assign (5.0.0 for a bare 550, 4.4.1 for a connection
                    timeout); --as-received prints only statuses present in the text.
              """,
              SmtpReplyCli::classify),
          new Command(
              "explain",
              """
                smtp-reply explain CODE [--lang en|vi|ja|zh] [--format text|md|html|json]
                    What a basic code (550) or enhanced status (5.1.1, X.1.1) means, when you
                    see it and how to fix it.
              """,
              (args, in, out, err) -> {
                new ExplainCommand().explain(args, out);
                return OK;
              }),
          new Command(
              "compare",
              """
                smtp-reply compare A B [--lang en|vi|ja|zh] [--format text|md|html|json]
                    Two codes side by side: what each means, the key differences, when to
                    use which.
              """,
              (args, in, out, err) -> {
                new ExplainCommand().compare(args, out);
                return OK;
              }),
          new Command(
              "log",
              """
                smtp-reply log --format postfix|exim|sendmail|opensmtpd [--unparsed] FILE|-
                    An MTA log to TSV, one row per delivery or reject event, in order:
                    status, code, enhanced, class, reason, stage, route. With --unparsed,
                    the lines not understood instead (those counted as
                    smtp_log_lines_total{result="not_understood"}), as read.
              """,
              SmtpReplyCli::log),
          new Command(
              "dsn",
              """
                smtp-reply dsn FILE|DIR|- ...
                    Bounce messages (a file, each message of an mbox, each file of a folder or
                    Maildir, or stdin; RFC 3464 reports, qmail, Exim, Sendmail, Exchange, Gmail,
                    Amazon SES and other text bounces) to TSV, one row per recipient in order:
                    file, index, recipient, action, status, code, enhanced, class, reason.
                    Feedback reports and auto-replies are labelled (action feedback or
                    auto_replied); a message not understood gives action not_understood and
                    its reason on stderr (exit 1).
              """,
              SmtpReplyCli::dsn),
          new Command(
              "serve",
              """
                smtp-reply serve [--port 9465] [--bind ADDR] [--postfix-log FILE|-]... [--exim-log FILE|-]...
                                 [--sendmail-log FILE|-]... [--opensmtpd-log FILE|-]...
                                 [--dsn-maildir DIR]... [--from-beginning] [--checkpoint-dir DIR]
                                 [--max-series 2000]
                                 [--web-config FILE] [--demo [--demo-seed 1] [--demo-speed 1]]
                    The exporter: /metrics, the explanation pages /codes, /codes/{code},
                    /compare/{a}/{b}, the JSON API /api/... (POST /api/classify for reply
                    texts, POST /api/dsn for a bounce message), /-/healthy and /-/ready. Logs
                    are followed like tail -F from their end (--from-beginning to replay), with
                    a checkpoint per file; each log's replies are counted with its format as
                    source (postfix, exim, sendmail, opensmtpd); bounces arriving in a Maildir are counted with
                    source="dsn". With no input, the pages and an empty metric set are served.
                    --demo generates DEMO traffic (sources postfix, exim, camel, dsn): a steady
                    mix and, in a 60-minute cycle, a greylisting wave, a blocklisting, a host
                    down and a flow stop that make the alerts of deploy/prometheus/rules fire;
                    the same --demo-seed gives the same traffic; --demo-speed N plays N demo
                    seconds per second.
                    smtp_replies_total has at most --max-series series; beyond, new label
                    combinations fold into overflow series (smtp_replies_overflowed_total).
              """,
              (args, in, out, err) -> {
                new ServeCommand().run(args, in, out, err);
                return OK;
              }),
          new Command(
              "publish-dashboards",
              """
                smtp-reply publish-dashboards --grafana-url URL --token-file FILE [--folder NAME]
                    Creates or updates the Overview and one-code dashboards in a Grafana through
                    its HTTP API (overwrite, matched by uid), in folder NAME (found by title or
                    created), else at the top. FILE holds a service account token (Editor).
                    Exit 1 when Grafana refuses (401, 403, 412) or fails (5xx).
              """,
              (args, in, out, err) -> new PublishDashboardsCommand().run(args, out, err)),
          new Command(
              "site",
              """
                smtp-reply site --out DIR
                    Writes the explanation pages as static HTML for any web server: every code
                    in en, vi, ja and zh, the /codes index per language, and the comparisons
                    people look for (each code with its 4xx/5xx sibling and its related codes).
                    Links are relative: they work from the file system and from a server.
              """,
              (args, in, out, err) -> new SiteCommand().run(args, out)));

  static final String HELP =
      "smtp-reply: explain, classify and count SMTP replies.\n\nUsage:\n"
          + COMMANDS.stream().map(Command::usage).collect(Collectors.joining())
          + "  smtp-reply COMMAND --help\n"
          + "  smtp-reply --help | --version\n\n"
          + EXIT_CODES;

  private SmtpReplyCli() {}

  public static void main(String[] args) {
    // An application may set JVM-wide properties; the bounce reader library does not.
    BounceReader.useAngusStreamProvider();
    // Buffered: System.out flushes on every write, a system call per row of a long output.
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(args, System.in, out, err);
    out.flush();
    System.exit(status);
  }

  /** Runs one command; returns the exit code. Never throws. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(HELP);
      return USAGE;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    try {
      switch (args[0]) {
        case "-h", "--help", "help" -> {
          out.print(HELP);
          return OK;
        }
        case "--version", "version" -> {
          out.println("smtp-reply " + version());
          return OK;
        }
        default -> {
          Command command =
              command(args[0])
                  .orElseThrow(
                      () ->
                          new UsageException(
                              "unknown command '"
                                  + Cli.printable(args[0])
                                  + "'; the commands are "
                                  + COMMANDS.stream()
                                      .map(Command::name)
                                      .collect(Collectors.joining(", "))
                                  + " (smtp-reply --help explains each)"));
          // --help anywhere after the command asks for its usage, whatever else is given.
          if (rest.contains("--help") || rest.contains("-h")) {
            out.print("Usage:\n" + command.usage() + "\n" + EXIT_CODES);
            return OK;
          }
          int status = command.body().run(rest, in, out, err);
          out.flush();
          return status;
        }
      }
    } catch (UsageException | ConfigException e) {
      err.println("smtp-reply: " + e.getMessage());
      return USAGE;
    } catch (FileNotFoundException e) {
      err.println("smtp-reply: cannot open " + e.getMessage());
      return INPUT_ERROR;
    } catch (IOException e) {
      err.println("smtp-reply: cannot read input: " + e.getMessage());
      return INPUT_ERROR;
    }
  }

  private static Optional<Command> command(String name) {
    return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The names of all commands, in --help order. */
  static List<String> commandNames() {
    return COMMANDS.stream().map(Command::name).toList();
  }

  private static int classify(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    boolean asReceived = args.remove("--as-received");
    rejectOptions(args, "classify");
    new ClassifyCommand(asReceived).run(args, in, out);
    return OK;
  }

  private static int log(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    int at = args.indexOf("--format");
    if (at < 0 || at + 1 >= args.size()) {
      throw new UsageException(
          "log needs --format postfix|exim|sendmail|opensmtpd and a FILE (or - for stdin)");
    }
    var parser = LogCommand.parser(args.get(at + 1));
    args.subList(at, at + 2).clear();
    boolean unparsed = args.remove("--unparsed");
    rejectOptions(args, "log");
    if (args.size() != 1) {
      throw new UsageException("log needs one FILE (or - for stdin)");
    }
    try (InputStream log = open(args.get(0), in)) {
      if (unparsed) {
        new LogCommand().unparsed(parser, log, out);
      } else {
        new LogCommand().run(parser, log, out);
      }
    }
    return OK;
  }

  private static int dsn(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws UsageException {
    rejectOptions(args, "dsn");
    if (args.isEmpty()) {
      throw new UsageException("dsn needs one or more FILEs (or - for one message on stdin)");
    }
    return new DsnCommand().run(args, in, out, err) ? OK : INPUT_ERROR;
  }

  private static void rejectOptions(List<String> rest, String command) throws UsageException {
    for (String arg : rest) {
      if (arg.startsWith("--")) {
        throw new UsageException(
            "unknown option '" + Cli.printable(arg) + "' for " + command + " (try --help)");
      }
    }
  }

  private static InputStream open(String path, InputStream stdin) throws FileNotFoundException {
    return path.equals("-") ? stdin : new FileInputStream(path);
  }

  /**
   * The version this jar was built as: {@code version.properties}, filled in by Maven resource
   * filtering from the project version, so it is right in the jar and in the test classes alike.
   */
  static String version() {
    try (InputStream in = SmtpReplyCli.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "this build has no io/github/smtpreply/cli/version.properties");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "");
      if (version.isEmpty() || version.contains("${")) {
        throw new IllegalStateException(
            "version.properties was not filtered by Maven: version=" + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
