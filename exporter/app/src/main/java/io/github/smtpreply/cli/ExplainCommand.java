package io.github.smtpreply.cli;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.Language;
import io.github.smtpreply.explain.Explainer;
import io.github.smtpreply.explain.Format;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code explain CODE} and {@code compare A B}, with {@code --lang} and {@code --format}. */
final class ExplainCommand {
  private final Catalog catalog = Catalog.standard();
  private final Explainer explainer = new Explainer(catalog);

  void explain(List<String> args, PrintStream out) throws UsageException {
    Options options = Options.parse(args, "explain");
    if (options.codes.size() != 1) {
      throw new UsageException("explain needs one CODE, e.g. explain 550 or explain 5.1.1");
    }
    CodeEntry entry = entry(options.codes.get(0));
    out.print(options.format.render(explainer.explain(entry, options.language)));
  }

  void compare(List<String> args, PrintStream out) throws UsageException {
    Options options = Options.parse(args, "compare");
    if (options.codes.size() != 2) {
      throw new UsageException("compare needs two codes, e.g. compare 252 451");
    }
    CodeEntry a = entry(options.codes.get(0));
    CodeEntry b = entry(options.codes.get(1));
    out.print(options.format.render(explainer.compare(a, b, options.language)));
  }

  private CodeEntry entry(String code) throws UsageException {
    return catalog
        .find(code)
        .orElseThrow(
            () ->
                new UsageException(
                    "unknown code '"
                        + Cli.printable(code)
                        + "': give a basic reply code such as 550 or a registered enhanced status"
                        + " such as 5.1.1 or X.1.1"));
  }

  /** The shared options of explain and compare. */
  private static final class Options {
    Language language = Language.EN;
    Format format = Format.TEXT;
    final List<String> codes = new ArrayList<>();

    static Options parse(List<String> args, String command) throws UsageException {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--lang" -> {
            String tag = Cli.value(args, ++i, "--lang");
            o.language =
                Language.ofTag(tag)
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "unknown language '"
                                    + Cli.printable(tag)
                                    + "'; use en, vi, ja or zh"));
          }
          case "--format" -> {
            String f = Cli.value(args, ++i, "--format");
            o.format =
                Format.ofLabel(f)
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "unknown format '"
                                    + Cli.printable(f)
                                    + "'; use text, md, html or json"));
          }
          default -> {
            if (arg.startsWith("--")) {
              throw new UsageException(
                  "unknown option '" + Cli.printable(arg) + "' for " + command);
            }
            o.codes.add(arg);
          }
        }
      }
      return o;
    }
  }
}
