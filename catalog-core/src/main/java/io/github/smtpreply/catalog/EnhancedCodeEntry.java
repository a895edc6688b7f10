package io.github.smtpreply.catalog;

import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import java.util.List;

/**
 * A registered enhanced status code (RFC 3463, IANA registry), class-free: {@code X.1.1}.
 *
 * @param subject the subject (second part)
 * @param detail the detail (third part)
 * @param title short label
 * @param name the registry's sample text (may be empty where the registry gives none)
 * @param classes the classes it is used with
 * @param references where it is defined
 * @param basicCodes basic codes the registry associates with it
 * @param related related codes
 * @param note short factual note, or empty
 */
public record EnhancedCodeEntry(
    int subject,
    int detail,
    String title,
    String name,
    List<ReplyClass> classes,
    List<RfcReference> references,
    List<ReplyCode> basicCodes,
    List<String> related,
    String note)
    implements CodeEntry {

  public EnhancedCodeEntry {
    classes = List.copyOf(classes);
    references = List.copyOf(references);
    basicCodes = List.copyOf(basicCodes);
    related = List.copyOf(related);
  }

  @Override
  public String id() {
    return "X." + subject + "." + detail;
  }
}
