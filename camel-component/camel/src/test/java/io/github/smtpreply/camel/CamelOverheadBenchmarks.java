package io.github.smtpreply.camel;

import io.github.smtpreply.testkit.ScriptedSmtp;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Messages per second through a plain camel-mail route to a loopback SMTP server, with the
 * component off ({@code tagged=false}: the jar present, turned off by its property, which is the
 * same as plain camel-mail) and on, in one run. Run: {@code ./mvnw -q install -DskipTests && ./mvnw
 * -q -pl camel-component/camel test-compile exec:exec@bench -Djmh.args="CamelOverheadBenchmarks -f
 * 2 -wi 3 -i 5"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CamelOverheadBenchmarks {
  @Param({"false", "true"})
  public boolean tagged;

  private ScriptedSmtp server;
  private CamelContext camel;
  private ProducerTemplate producer;

  @Setup(Level.Trial)
  public void start() throws Exception {
    System.setProperty(SmtpReplySettings.ENABLED, String.valueOf(tagged));
    server = ScriptedSmtp.onLoopback().start();
    camel = new DefaultCamelContext();
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:send")
                .routeId("bench")
                .to("smtp://127.0.0.1:" + server.port() + "?from=bench@example.com");
          }
        });
    camel.start();
    producer = camel.createProducerTemplate();
  }

  @TearDown(Level.Trial)
  public void stop() {
    camel.stop();
    server.close();
  }

  @Benchmark
  public Object send() {
    return producer.send(
        "direct:send",
        e -> {
          e.getIn().setHeader("To", "ann@example.com");
          e.getIn().setBody("Hello");
        });
  }
}
