package io.github.smtpreply.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import io.github.smtpreply.bounce.Bounce;
import io.github.smtpreply.bounce.BounceRecipient;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Flag;
import io.github.smtpreply.reply.ReplyClass;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of the API, one writer per type: classifications, bounces, the code index and errors.
 * Strings escape {@code <} as JsonWriter does, so the JSON is safe inside HTML too.
 */
final class ApiJson {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder().characterEscapes(new HtmlSafeEscapes()).build();

  private ApiJson() {}

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String render(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.append('\n').toString();
  }

  static String classifications(List<Classification> list) {
    return render(
        g -> {
          g.writeStartArray();
          for (Classification c : list) {
            classification(g, c);
          }
          g.writeEndArray();
        });
  }

  /** A bounce: the message's fields, then each recipient with its classified reply. */
  static String bounce(Bounce b) {
    return render(
        g -> {
          g.writeStartObject();
          g.writeStringField("kind", b.kind().label());
          g.writeStringField("format", b.format());
          g.writeStringField("reporting_mta", b.reportingMta());
          g.writeStringField("envelope_id", b.envelopeId());
          g.writeStringField("arrival_date", b.arrivalDate());
          g.writeStringField("original_message_id", b.originalMessageId());
          g.writeStringField("original_subject", b.originalSubject());
          g.writeStringField("problem", b.problem());
          g.writeArrayFieldStart("recipients");
          for (BounceRecipient r : b.recipients()) {
            g.writeStartObject();
            g.writeStringField("recipient", r.recipient());
            g.writeStringField("action", r.action().label());
            g.writeStringField("remote_mta", r.remoteMta());
            g.writeStringField("diagnostic", r.diagnostic());
            g.writeFieldName("reply");
            classification(g, r.classification());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** Every catalogued code with its title, name and classes. */
  static String codeIndex(List<CodeEntry> entries) {
    return render(
        g -> {
          g.writeStartArray();
          for (CodeEntry e : entries) {
            g.writeStartObject();
            g.writeStringField("code", e.id());
            g.writeStringField("title", e.title());
            g.writeStringField("name", e.name());
            g.writeArrayFieldStart("classes");
            for (ReplyClass c : e.classes()) {
              g.writeString(c.label());
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  static String error(String message) {
    return render(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  private static void classification(JsonGenerator g, Classification c) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", c.codeLabel());
    g.writeStringField("enhanced", c.statusLabel());
    g.writeStringField("enhanced_received", c.enhancedLabel());
    g.writeStringField("class", c.replyClass().label());
    g.writeStringField("reason", c.reason().label());
    g.writeStringField("stage", c.stage().label());
    g.writeStringField("provider", c.provider());
    g.writeArrayFieldStart("flags");
    for (Flag f : Flag.values()) {
      if (c.has(f)) {
        g.writeString(f.name().toLowerCase(Locale.ROOT));
      }
    }
    g.writeEndArray();
    g.writeStringField("explanation", c.code() == null ? null : "/codes/" + c.code());
    g.writeEndObject();
  }

  /** Jackson's escapes plus {@code <}. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
