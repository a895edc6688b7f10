package io.github.smtpreply.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated and mutated replies: the public API never throws an unchecked exception, and what is
 * rendered parses back to the same reply. Tries per property come from junit-platform.properties.
 */
class ReplyProperties {
  private final Classifier classifier = Classifier.standard();

  @Property
  void renderedRepliesParseBackUnchanged(@ForAll("replies") Reply reply) throws Exception {
    assertThat(ReplyParser.parse(reply.toWire())).isEqualTo(reply);
  }

  @Property
  void mutatedRepliesGiveAResultOrAFormatError(@ForAll("mutatedWire") String wire) {
    try {
      Reply reply = ReplyParser.parse(wire);
      assertThat(reply.code().value()).isBetween(200, 599);
    } catch (ReplyFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property
  void classifyingAnyTextNeverThrowsAndStaysConsistent(@ForAll("mutatedWire") String text) {
    Classification c = classifier.classifyText(text);
    if (c.code() != null) {
      assertThat(c.replyClass().digit()).isIn(c.code().value() / 100, 4);
    }
    assertThat(c.reason()).isNotNull();
    assertThat(c.stage()).isNotNull();
  }

  @Property
  void arbitraryUnicodeNeverBreaksParserOrFinder(@ForAll String text) {
    try {
      ReplyParser.parse(text);
    } catch (ReplyFormatException expected) {
      assertThat(expected.problem()).isNotNull();
    }
    Finding finding = ReplyFinder.find(text);
    if (finding.code() != null) {
      assertThat(finding.code().value()).isBetween(200, 599);
    }
  }

  @Provide
  Arbitrary<Reply> replies() {
    Arbitrary<ReplyCode> codes = Arbitraries.integers().between(200, 599).map(ReplyCode::of);
    Arbitrary<EnhancedStatus> statuses =
        Combinators.combine(
                Arbitraries.of(2, 4, 5),
                Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999))
            .as(EnhancedStatus::of)
            .injectNull(0.3);
    Arbitrary<String> line =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz ABCXYZ<>@.:;-_()[]#'\"/\u00e9\u3042")
            .ofMaxLength(80)
            .filter(s -> s.isEmpty() || !Character.isDigit(s.charAt(0)));
    Arbitrary<List<String>> lines = line.list().ofMinSize(1).ofMaxSize(5);
    return Combinators.combine(codes, statuses, lines)
        .as((code, status, text) -> new Reply(code, status, text, false));
  }

  @Provide
  Arbitrary<String> mutatedWire() {
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(13, 10, 45, 32, 46, 48, 53, 57, 0, 0xffff, 120))
            .as((pos, op, c) -> new int[] {pos, op, c});
    return Combinators.combine(replies().map(Reply::toWire), edit.list().ofMaxSize(6))
        .as(ReplyProperties::apply);
  }

  /** Inserts, deletes or replaces one character per edit. */
  static String apply(String wire, List<int[]> edits) {
    StringBuilder s = new StringBuilder(wire);
    for (int[] e : edits) {
      int pos = Math.min(e[0], s.length());
      char c = (char) e[2];
      switch (e[1]) {
        case 0 -> s.insert(pos, c);
        case 1 -> {
          if (pos < s.length()) {
            s.deleteCharAt(pos);
          }
        }
        default -> {
          if (pos < s.length()) {
            s.setCharAt(pos, c);
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }
}
