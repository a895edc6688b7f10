package io.github.smtpreply.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceKind;
import io.github.smtpreply.bounce.BounceReader;
import io.github.smtpreply.bounce.BounceRecipient;
import io.github.smtpreply.classify.Classification;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code dsn FILE…} ({@code -} for stdin, a folder or Maildir for each message in it, an mbox file
 * for each message in it): one TSV row per recipient of each bounce, in the order the message lists
 * them: {@code file index recipient action status code enhanced class reason}. A message the reader
 * does not understand gives one row with action {@code not_understood} and the reason on standard
 * error.
 */
final class DsnCommand {
  static final String HEADER =
      "file\tindex\trecipient\taction\tstatus\tcode\tenhanced\tclass\treason";

  private final BounceReader reader = BounceReader.standard();

  /** Returns true if every message was read and understood. */
  boolean run(List<String> files, InputStream stdin, PrintStream out, PrintStream err) {
    // One write per 64 KiB, not per row: the caller's stream may flush on every line.
    PrintStream rows = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, UTF_8);
    try {
      return readAll(files, stdin, rows, err);
    } finally {
      rows.flush();
    }
  }

  private boolean readAll(List<String> files, InputStream stdin, PrintStream out, PrintStream err) {
    out.println(HEADER);
    boolean allUnderstood = true;
    for (String file : expand(files, err)) {
      List<Bounce> bounces;
      try (InputStream in = file.equals("-") ? stdin : new FileInputStream(file)) {
        bounces = reader.readMailbox(in);
      } catch (IOException e) {
        out.flush(); // keep the rows before the message when both go to one terminal
        err.println("smtp-reply dsn: " + Cli.printable(file) + ": cannot read: " + e.getMessage());
        allUnderstood = false;
        continue;
      }
      String name = Tsv.field(file);
      // In an mbox file the index runs on across its messages.
      int index = 0;
      for (Bounce bounce : bounces) {
        if (bounce.kind() == BounceKind.NOT_UNDERSTOOD) {
          out.println(
              name
                  + '\t'
                  + ++index
                  + "\tnone\t"
                  + BounceKind.NOT_UNDERSTOOD.label()
                  + "\tnone\tnone\tnone\tnone\tnone");
          out.flush();
          err.println("smtp-reply dsn: " + name + ": not understood: " + bounce.problem());
          allUnderstood = false;
          continue;
        }
        for (BounceRecipient r : bounce.recipients()) {
          out.println(name + '\t' + ++index + '\t' + row(r));
        }
      }
    }
    return allUnderstood;
  }

  /**
   * The files to read: a folder stands for the regular files in it, and for those in its {@code
   * cur} and {@code new} folders when it is a Maildir, sorted by name.
   */
  static List<String> expand(List<String> args, PrintStream err) {
    List<String> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-") || !Files.isDirectory(Path.of(arg))) {
        files.add(arg);
        continue;
      }
      Path path = Path.of(arg);
      for (Path dir : List.of(path, path.resolve("cur"), path.resolve("new"))) {
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> list = Files.list(dir)) {
          list.filter(Files::isRegularFile).map(Path::toString).sorted().forEach(files::add);
        } catch (IOException e) {
          err.println("smtp-reply dsn: " + Cli.printable(dir.toString()) + ": cannot list: " + e);
        }
      }
    }
    return files;
  }

  /** The columns after file and index. */
  static String row(BounceRecipient r) {
    Classification c = r.classification();
    return field(r.recipient())
        + '\t'
        + r.action().label()
        + '\t'
        + c.statusLabel()
        + '\t'
        + c.codeLabel()
        + '\t'
        + c.enhancedLabel()
        + '\t'
        + (c.replyClass().label().equals("unknown") ? "none" : c.replyClass().label())
        + '\t'
        + c.reason().label();
  }

  private static String field(String value) {
    return value == null || value.isEmpty() ? "none" : Tsv.field(value);
  }
}
