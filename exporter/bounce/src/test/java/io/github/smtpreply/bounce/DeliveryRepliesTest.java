package io.github.smtpreply.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpreply.classify.Classification;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRepliesTest {
  @Test
  void eachFailedRecipientIsOneReplyButFeedbackAndAutoRepliesAreNone() throws Exception {
    List<Classification> replies = new ArrayList<>();
    for (String name : new String[] {"lhost-postfix-02.eml", "arf-02.eml", "rfc3834-01.eml"}) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/bounces/" + name)) {
        replies.addAll(BounceReader.standard().read(in).deliveryReplies());
      }
    }
    assertThat(replies).extracting(Classification::codeLabel).containsExactly("550", "550");
  }
}
