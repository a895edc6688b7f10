package io.github.smtpreply.cli;

import io.github.smtpreply.server.StaticSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code site --out DIR}: the explanation pages as static HTML. */
final class SiteCommand {
  int run(List<String> args, PrintStream out) throws UsageException, IOException {
    if (args.size() != 2 || !args.get(0).equals("--out")) {
      throw new UsageException("site needs --out DIR (and nothing else)");
    }
    Path dir = Path.of(args.get(1));
    StaticSite.Written written = new StaticSite().write(dir);
    out.println(
        "wrote "
            + written.pages()
            + " pages ("
            + written.comparisons()
            + " comparisons in each of "
            + written.languages()
            + " languages) to "
            + dir
            + "; open "
            + dir.resolve("index.html"));
    return SmtpReplyCli.OK;
  }
}
