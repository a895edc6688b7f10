package io.github.smtpreply.cli;

import io.github.smtpreply.server.ConfigException;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code smtp-reply} command line. Exit codes: 0 success, 1 input could not be read, 2 bad
 * command line (unknown command, option or code) or configuration (web config, listen address).
 */
public final class SmtpReplyCli {
  static final int OK = 0;
  static final int INPUT_ERROR = 1;
  static final int USAGE = 2;

  static final String HELP =
      """
      smtp-reply: explain, classify and count SMTP replies.

      Usage:
        smtp-reply classify [--as-received] [REPLY...]
            Reply texts, one per line on stdin (or as arguments), to TSV on stdout:
            code, enhanced, class, reason, stage. `enhanced` is the status as received,
            else the one MTAs assign (5.0.0 for a bare 550, 4.4.1 for a connection
            timeout); --as-received prints only statuses present in the text.
        smtp-reply explain CODE [--lang en|vi|ja|zh] [--format text|md|html|json]
            What a basic code (550) or enhanced status (5.1.1, X.1.1) means, when you
            see it and how to fix it.
        smtp-reply compare A B [--lang L] [--format F]
            Two codes side by side.
        smtp-reply log --format postfix|exim FILE|-
            An MTA log to TSV, one row per delivery or reject event, in order:
            status, code, enhanced, class, reason, stage, route.
        smtp-reply dsn FILE|DIR|- ...
            Bounce messages (a file, each message of an mbox, each file of a folder or
            Maildir, or stdin; RFC 3464 reports, qmail, Exim, Sendmail, Exchange, Gmail,
            Amazon SES and other text bounces) to TSV, one row per recipient in order:
            file, index, recipient, action, status, code, enhanced, class, reason.
            Feedback reports and auto-replies are labelled (action feedback or
            auto-replied); a message not understood gives action not-understood and
            its reason on stderr (exit 1).
        smtp-reply serve [--port 9465] [--bind ADDR] [--postfix-log FILE|-]... [--exim-log FILE|-]...
                         [--dsn-maildir DIR]... [--from-beginning] [--checkpoint-dir DIR]
                         [--web-config FILE] [--demo]
            The exporter: /metrics, the explanation pages /codes, /codes/{code},
            /compare/{a}/{b}, the JSON API /api/... (POST /api/classify for reply
            texts, POST /api/dsn for a bounce message), /-/healthy and /-/ready. Logs
            are followed like tail -F from their end (--from-beginning to replay), with
            a checkpoint per file; bounces arriving in a Maildir are counted with
            source="dsn"; with no input given, a bundled DEMO log is replayed.
        smtp-reply score-replies FILE [--misses]
            Agreement of `classify` with a replies table (the dev corpus format).
        smtp-reply score-bounces FILE [--misses]
            Agreement of `dsn` with a bounces table (the dev corpus format; email
            paths relative to the table): code, status, class, reason.
        smtp-reply --help | --version

      Exit codes: 0 done, 1 input could not be read (or a bounce not understood),
      2 bad command line or configuration (--web-config file, address to listen on).
      """;

  private SmtpReplyCli() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
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
        case "-h", "--help", "help" -> out.print(HELP);
        case "--version", "version" -> out.println("smtp-reply " + version());
        case "classify" -> {
          boolean asReceived = rest.remove("--as-received");
          rejectOptions(rest, "classify");
          new ClassifyCommand(asReceived).run(rest, in, out);
        }
        case "log" -> {
          int at = rest.indexOf("--format");
          if (at < 0 || at + 1 >= rest.size()) {
            throw new UsageException("log needs --format postfix|exim and a FILE (or - for stdin)");
          }
          var parser = LogCommand.parser(rest.get(at + 1));
          rest.subList(at, at + 2).clear();
          rejectOptions(rest, "log");
          if (rest.size() != 1) {
            throw new UsageException("log needs one FILE (or - for stdin)");
          }
          try (InputStream log = open(rest.get(0), in)) {
            new LogCommand().run(parser, log, out);
          }
        }
        case "serve" -> new ServeCommand().run(rest, in, out, err);
        case "explain" -> new ExplainCommand().explain(rest, out);
        case "compare" -> new ExplainCommand().compare(rest, out);
        case "score-replies" -> {
          boolean misses = rest.remove("--misses");
          if (rest.size() != 1) {
            throw new UsageException("score-replies needs one FILE (the replies table)");
          }
          try (InputStream table = open(rest.get(0), in)) {
            new ScoreRepliesCommand().run(table, out, misses);
          }
        }
        case "dsn" -> {
          rejectOptions(rest, "dsn");
          if (rest.isEmpty()) {
            throw new UsageException("dsn needs one or more FILEs (or - for one message on stdin)");
          }
          if (!new DsnCommand().run(rest, in, out, err)) {
            out.flush();
            return INPUT_ERROR;
          }
        }
        case "score-bounces" -> {
          boolean misses = rest.remove("--misses");
          if (rest.size() != 1) {
            throw new UsageException("score-bounces needs one FILE (the bounces table)");
          }
          new ScoreBouncesCommand().run(java.nio.file.Path.of(rest.get(0)), out, misses);
        }
        default ->
            throw new UsageException(
                "unknown command '" + args[0] + "'; try: classify, explain, compare, --help");
      }
      out.flush();
      return OK;
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

  private static void rejectOptions(List<String> rest, String command) throws UsageException {
    for (String arg : rest) {
      if (arg.startsWith("--")) {
        throw new UsageException("unknown option '" + arg + "' for " + command);
      }
    }
  }

  private static InputStream open(String path, InputStream stdin) throws FileNotFoundException {
    return path.equals("-") ? stdin : new FileInputStream(path);
  }

  static String version() {
    String v = SmtpReplyCli.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
