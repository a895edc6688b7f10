package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void actionAndKindLabelsAreLowerSnakeCaseAndLookThemselvesUp() {
    for (Action a : Action.values()) {
      assertThat(a.label()).matches("[a-z]+(_[a-z]+)*");
      assertThat(Action.ofLabel(a.label())).contains(a);
    }
    for (BounceKind k : BounceKind.values()) {
      assertThat(k.label()).matches("[a-z]+(_[a-z]+)*");
      assertThat(BounceKind.ofLabel(k.label())).contains(k);
    }
  }

  @Test
  void anActionFieldNamesOnlyTheFiveRfc3464Actions() {
    assertThat(Action.ofField("Failed (bad destination mailbox)")).contains(Action.FAILED);
    assertThat(Action.ofField(" delayed")).contains(Action.DELAYED);
    assertThat(Action.ofField("failure")).contains(Action.FAILED);
    assertThat(Action.ofField("auto_replied")).isEmpty();
    assertThat(Action.ofField("feedback")).isEmpty();
    assertThat(Action.ofField("")).isEmpty();
  }
}
