package io.github.smtpreply.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtpreply.reply.ReplyFormatException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyParserTest {

  @Test
  void parsesSingleLineReplyWithEnhancedCode() throws Exception {
    Reply reply = ReplyParser.parse("550 5.1.1 <user@example.com>: Recipient address rejected\r\n");
    assertThat(reply.code()).isEqualTo(ReplyCode.of(550));
    assertThat(reply.enhanced()).isEqualTo(EnhancedStatus.of(5, 1, 1));
    assertThat(reply.lines()).containsExactly("<user@example.com>: Recipient address rejected");
    assertThat(reply.replyClass()).isEqualTo(ReplyClass.PERMANENT);
    assertThat(reply.mixedCodes()).isFalse();
  }

  @Test
  void parsesGmailMultilineReplyWithStatusOnEveryLine() throws Exception {
    Reply reply =
        ReplyParser.parse(
            "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
                + "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
                + "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\r\n");
    assertThat(reply.enhanced()).hasToString("5.1.1");
    assertThat(reply.lines()).hasSize(3);
    assertThat(reply.lines().get(1))
        .isEqualTo("double-checking the recipient's email address for typos or");
  }

  @Test
  void parsesLfOnlyLineEndings() throws Exception {
    Reply reply = ReplyParser.parse("250-mx.example.com\n250-PIPELINING\n250 8BITMIME\n");
    assertThat(reply.code().value()).isEqualTo(250);
    assertThat(reply.lines()).containsExactly("mx.example.com", "PIPELINING", "8BITMIME");
    assertThat(reply.enhanced()).isNull();
  }

  @Test
  void parsesCodeWithoutText() throws Exception {
    assertThat(ReplyParser.parse("250").lines()).containsExactly("");
    assertThat(ReplyParser.parse("354 ").lines()).containsExactly("");
  }

  @Test
  void flagsLinesWhoseCodesDisagreeAndKeepsTheLastCode() throws Exception {
    Reply reply = ReplyParser.parse("451-4.3.0 first\r\n550 5.7.1 second\r\n");
    assertThat(reply.mixedCodes()).isTrue();
    assertThat(reply.code().value()).isEqualTo(550);
  }

  @Test
  void keepsNonStandardSecondDigit() throws Exception {
    Reply reply = ReplyParser.parse("571 Delivery not authorized");
    assertThat(reply.code().value()).isEqualTo(571);
    assertThat(reply.code().category()).isEqualTo(ReplyCategory.NONSTANDARD);
  }

  @Test
  void roundTripsThroughWireForm() throws Exception {
    Reply reply = ReplyParser.parse("452-4.5.3 Too many\r\n452 4.5.3 recipients\r\n");
    assertThat(ReplyParser.parse(reply.toWire())).isEqualTo(reply);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | EMPTY",
        "OK | NOT_A_CODE",
        "55 too short | NOT_A_CODE",
        "5500 four digits | NOT_A_CODE",
        "650 six hundred | CODE_OUT_OF_RANGE",
        "150 one hundred | CODE_OUT_OF_RANGE",
        "550x bad separator | BAD_SEPARATOR",
        "250-more to come | UNTERMINATED_MULTILINE",
        "'250 first\n250 second' | BAD_SEPARATOR",
        "'250 bare\rCR' | CONTROL_CHARACTER",
      })
  void rejectsMalformedReplies(String input, Problem problem) {
    assertThatThrownBy(() -> ReplyParser.parse(input))
        .isInstanceOfSatisfying(
            ReplyFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.getMessage()).contains(ReplyFormatException.echo(input));
            });
  }

  @Test
  void rejectsOneMegabyteLineWithoutEchoingAllOfIt() {
    String huge = "550 " + "x".repeat(1 << 20);
    assertThatThrownBy(() -> ReplyParser.parse(huge))
        .isInstanceOfSatisfying(
            ReplyFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.TOO_LONG);
              assertThat(e.getMessage().length()).isLessThan(400);
            });
  }

  @Test
  void parsesStatusesWithThreeDigitParts() throws Exception {
    assertThat(EnhancedStatus.parse("5.7.606")).isEqualTo(EnhancedStatus.of(5, 7, 606));
    assertThat(EnhancedStatus.parse("4.7.26").detail()).isEqualTo(26);
    for (String bad : List.of("6.1.1", "5.1", "5.1.1000", "5..1", "x.1.1", "")) {
      assertThatThrownBy(() -> EnhancedStatus.parse(bad)).isInstanceOf(ReplyFormatException.class);
    }
  }

  /** A String's first line is searched differently from other text: both must agree. */
  @Test
  void stringsAndOtherTextParseAlike() {
    for (String wire :
        List.of(
            "550 a\0b\rc",
            "550 a\rb\0c",
            "550 ok\r",
            "550 ok\r\r\n",
            "550 5.1.1 x\r\n",
            "550-a\r\n550 b",
            "550-a\r\n550 b\0",
            "250-a\n250 b\r\n",
            "250-a\r\r\n250 b",
            "550 a\n",
            "550\n",
            "\n550 a",
            "5\r\n")) {
      Object fromString = parseOrProblem(wire);
      Object fromBuilder = parseOrProblem(new StringBuilder(wire));
      assertThat(fromString).as(wire).isEqualTo(fromBuilder);
    }
  }

  private static Object parseOrProblem(CharSequence wire) {
    try {
      return ReplyParser.parse(wire);
    } catch (ReplyFormatException e) {
      return e.problem() + ": " + e.getMessage();
    }
  }
}
