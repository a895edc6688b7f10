package io.github.smtpreply.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.catalog.Standing;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.ReplyCategory;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.Stage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WireLabelTest {
  /** Each enum with its lookup, so that a new enum's lookup is checked the same way. */
  private record Labelled<E extends WireLabel>(E[] values, Function<String, Optional<E>> lookup) {}

  private static final List<Labelled<?>> ENUMS =
      List.of(
          new Labelled<>(Reason.values(), Reason::ofLabel),
          new Labelled<>(Stage.values(), Stage::ofLabel),
          new Labelled<>(ReplyClass.values(), ReplyClass::ofLabel),
          new Labelled<>(Standing.values(), Standing::ofLabel));

  @Test
  void everyLabelIsLowerSnakeCaseAndLooksItsValueUp() {
    for (Labelled<?> e : ENUMS) {
      assertRoundTrip(e);
    }
  }

  @Test
  void replyCategoryLabelsAreLowerSnakeCase() {
    for (ReplyCategory c : ReplyCategory.values()) {
      assertThat(c.label()).matches("[a-z0-9]+(_[a-z0-9]+)*");
    }
  }

  @Test
  void anUnknownLabelIsEmptyNeverNullNorAStandIn() {
    for (Labelled<?> e : ENUMS) {
      assertThat(e.lookup().apply("no_such_label")).isEmpty();
      assertThat(e.lookup().apply("USER-UNKNOWN")).isEmpty();
      assertThat(e.lookup().apply("")).isEmpty();
    }
  }

  private static <E extends WireLabel> void assertRoundTrip(Labelled<E> e) {
    for (E value : e.values()) {
      assertThat(value.label()).matches("[a-z0-9]+(_[a-z0-9]+)*");
      assertThat(e.lookup().apply(value.label())).contains(value);
    }
  }
}
