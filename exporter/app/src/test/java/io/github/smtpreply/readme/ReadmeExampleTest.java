package io.github.smtpreply.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's Java snippets, read from README.md itself. Each {@code java} block is compiled as a
 * fresh project would compile it: against only the artifacts named in the {@code xml} block right
 * before it (each library's classes and runtime dependencies, as its own build wrote them to {@code
 * target/runtime-classpath.txt}), never against the app's classes. Then a driver below runs it in a
 * class loader that holds nothing else.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "..", "README.md");

  /** The artifacts a README snippet may use, and where their module is built. */
  private static final Map<String, Path> LIBRARIES =
      Map.of(
          "smtp-reply-metrics", Path.of("..", "metrics"),
          "smtp-reply-bounce", Path.of("..", "bounce"));

  private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$");
  private static final Pattern CLASS = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");

  /** One {@code java} block, the class it declares, and the artifacts named before it. */
  record Snippet(String className, String source, List<String> artifacts) {
    @Override
    public String toString() {
      return className + " " + artifacts;
    }
  }

  /**
   * Runs one snippet's class and says what it did. Compiled with the snippet, against the same
   * class path, so it also shows that the snippet's own API is what a user can call.
   */
  private static final Map<String, String> DRIVERS =
      Map.of(
          "MailerMetrics",
          """
          import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
          import java.nio.file.Path;
          import java.util.function.Function;

          public class MailerMetricsDriver implements Function<Path, String> {
            @Override
            public String apply(Path unused) {
              SimpleMeterRegistry registry = new SimpleMeterRegistry();
              new MailerMetrics(registry)
                  .onSendFailure(new Exception("550 5.1.1 <a@example.com>: User unknown"));
              return registry.find("smtp.replies").counters().stream()
                  .map(c -> c.getId().getTag("app") + " " + c.getId().getTag("code") + " "
                      + c.getId().getTag("reason") + " " + c.getId().getTag("source") + " "
                      + c.getId().getTag("route") + " " + c.count())
                  .toList()
                  .toString();
            }
          }
          """,
          "BounceMailbox",
          """
          import io.github.smtpreply.metrics.SmtpReplyMetrics;
          import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
          import java.io.IOException;
          import java.io.InputStream;
          import java.io.UncheckedIOException;
          import java.nio.file.Files;
          import java.nio.file.Path;
          import java.util.ArrayList;
          import java.util.List;
          import java.util.function.Function;
          import java.util.logging.Handler;
          import java.util.logging.LogRecord;
          import java.util.logging.Logger;

          public class BounceMailboxDriver implements Function<Path, String> {
            @Override
            public String apply(Path bounce) {
              SmtpReplyMetrics metrics = new SmtpReplyMetrics();
              SimpleMeterRegistry registry = new SimpleMeterRegistry();
              metrics.bindTo(registry);
              List<String> logged = new ArrayList<>();
              Logger logger = Logger.getLogger(BounceMailbox.class.getName());
              logger.setUseParentHandlers(false);
              logger.addHandler(
                  new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                      logged.add(record.getMessage());
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                  });
              try (InputStream in = Files.newInputStream(bounce)) {
                new BounceMailbox(metrics).onBounce(in);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              List<String> counted = registry.find("smtp.replies").counters().stream()
                  .map(c -> c.getId().getTag("source") + " " + c.getId().getTag("route") + " "
                      + c.getId().getTag("enhanced") + " " + c.getId().getTag("reason") + " "
                      + c.count())
                  .sorted()
                  .toList();
              return "logged " + logged + "\\ncounted " + counted;
            }
          }
          """);

  @TempDir Path work;

  static List<Snippet> snippets() throws Exception {
    return snippets(Files.readString(README, StandardCharsets.UTF_8));
  }

  /**
   * Every {@code java} block that uses the binder or the bounce reader, each with the artifacts of
   * the {@code xml} block right before it.
   */
  static List<Snippet> snippets(String markdown) throws Exception {
    List<Snippet> snippets = new ArrayList<>();
    String language = "";
    String previous = "";
    Matcher block = BLOCK.matcher(markdown);
    while (block.find()) {
      if (block.group(1).equals("java")) {
        String source = block.group(2);
        Matcher declared = CLASS.matcher(source);
        if (!declared.find()) {
          fail("README java block declares no top-level class:%n%s", source);
        }
        if (!language.equals("xml")) {
          fail(
              "README java block %s needs an xml block with its Maven dependencies right before"
                  + " it",
              declared.group(1));
        }
        List<String> artifacts = artifacts(previous);
        // Snippets of the Camel component and the test kit are checked in their own modules.
        if (artifacts.stream().anyMatch(LIBRARIES::containsKey)) {
          snippets.add(new Snippet(declared.group(1), source, artifacts));
        }
      }
      language = block.group(1);
      previous = block.group(2);
    }
    return snippets;
  }

  /** The artifactIds of a block of {@code <dependency>} elements, checked for group and version. */
  private static List<String> artifacts(String xml) throws Exception {
    NodeList dependencies =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    ("<dependencies>" + xml + "</dependencies>").getBytes(StandardCharsets.UTF_8)))
            .getElementsByTagName("dependency");
    String version = System.getProperty("smtp-reply.version");
    List<String> artifacts = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      String artifact = text(dependency, "artifactId");
      assertThat(text(dependency, "groupId")).as(artifact).isEqualTo("io.github.smtpreply");
      assertThat(text(dependency, "version")).as(artifact).isEqualTo(version).isNotBlank();
      artifacts.add(artifact);
    }
    return artifacts;
  }

  private static String text(Element element, String child) {
    NodeList nodes = element.getElementsByTagName(child);
    return nodes.getLength() == 1 ? nodes.item(0).getTextContent().strip() : "";
  }

  @Test
  void theReadmeHasTheBinderAndTheBounceSnippetEachWithADriver() throws Exception {
    assertThat(snippets())
        .extracting(Snippet::className)
        .containsExactlyInAnyOrderElementsOf(DRIVERS.keySet());
  }

  @Test
  void aSnippetWithoutItsDependenciesIsRefused() {
    String markdown = "```sh\nls\n```\n\n```java\nclass A {}\n```\n";
    assertThatThrownBy(() -> snippets(markdown))
        .hasMessageContaining("README java block A needs an xml block");
  }

  @ParameterizedTest
  @MethodSource("snippets")
  void compilesAgainstOnlyItsLibrariesAndRuns(Snippet snippet) throws Exception {
    List<Path> classPath = new ArrayList<>();
    for (String artifact : snippet.artifacts()) {
      assertThat(LIBRARIES).as("a README snippet may use only the libraries").containsKey(artifact);
      classPath.addAll(libraryClassPath(LIBRARIES.get(artifact)));
    }
    String driver = DRIVERS.get(snippet.className());
    assertThat(driver).as("a driver for " + snippet.className()).isNotNull();
    Path classes = Files.createDirectories(work.resolve("classes"));
    compile(
        List.of(
            source(snippet.className(), snippet.source()),
            source(snippet.className() + "Driver", driver)),
        classPath,
        classes);

    String result = run(snippet.className() + "Driver", classes, classPath);
    switch (snippet.className()) {
      case "MailerMetrics" ->
          assertThat(result).isEqualTo("[billing_mailer 550 user_unknown mailer invoices 1.0]");
      case "BounceMailbox" ->
          assertThat(result)
              .contains("filtered@example.co.jp failed user_unknown")
              .contains("userunknown@example.co.jp failed user_unknown")
              .endsWith(
                  "counted [dsn bounce_mailbox 5.1.1 user_unknown 1.0,"
                      + " dsn bounce_mailbox 5.2.1 user_unknown 1.0]");
      default -> fail("no expectation for " + snippet.className());
    }
  }

  /** A library's classes and its runtime dependencies, as its build wrote them. */
  private static List<Path> libraryClassPath(Path module) throws IOException {
    Path listed = module.resolve("target/runtime-classpath.txt");
    if (!Files.isRegularFile(listed)) {
      fail(
          "%s is missing: build the libraries in the same run (./mvnw -pl exporter/app -am ...)",
          listed);
    }
    List<Path> path = new ArrayList<>();
    path.add(module.resolve("target/classes"));
    String entries = Files.readString(listed, StandardCharsets.UTF_8).strip();
    if (!entries.isEmpty()) {
      Stream.of(entries.split(Pattern.quote(File.pathSeparator))).map(Path::of).forEach(path::add);
    }
    return path;
  }

  private static JavaFileObject source(String name, String code) {
    return new SimpleJavaFileObject(
        URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }

  private static void compile(List<JavaFileObject> sources, List<Path> classPath, Path out)
      throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release",
              "17",
              "-Xlint:all",
              "-Werror",
              "-proc:none",
              "-classpath",
              classPath.stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(File.pathSeparator)),
              "-d",
              out.toString());
      boolean ok = compiler.getTask(null, files, diagnostics, options, null, sources).call();
      assertThat(ok)
          .as(
              "README snippet compiles:%n%s",
              diagnostics.getDiagnostics().stream()
                  .map(d -> d.getLineNumber() + ": " + d.getMessage(null))
                  .collect(Collectors.joining("\n")))
          .isTrue();
    }
  }

  /** Runs a driver in a class loader with the snippet's class path only, not the test's. */
  private static String run(String driverClass, Path classes, List<Path> classPath)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (Path entry : classPath) {
      urls.add(entry.toUri().toURL());
    }
    Path bounce =
        Path.of(
            ReadmeExampleTest.class.getResource("/fixtures/bounces/lhost-postfix-02.eml").toURI());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(loader);
      @SuppressWarnings("unchecked")
      Function<Path, String> driver =
          (Function<Path, String>)
              loader.loadClass(driverClass).getDeclaredConstructor().newInstance();
      return driver.apply(bounce);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
