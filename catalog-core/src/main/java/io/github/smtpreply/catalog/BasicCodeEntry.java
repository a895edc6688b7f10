package io.github.smtpreply.catalog;

import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import java.util.List;

/**
 * A basic reply code in the catalog.
 *
 * @param code the code
 * @param title short label
 * @param name the RFC's reply text
 * @param standing RFC, registry-only or draft
 * @param references where it is defined, most important first
 * @param commands the commands it answers ({@code RCPT}, {@code end-of-data}, {@code connect}, …)
 * @param related related codes
 * @param note short factual note, or empty
 */
public record BasicCodeEntry(
    ReplyCode code,
    String title,
    String name,
    Standing standing,
    List<RfcReference> references,
    List<String> commands,
    List<String> related,
    String note)
    implements CodeEntry {

  public BasicCodeEntry {
    references = List.copyOf(references);
    commands = List.copyOf(commands);
    related = List.copyOf(related);
  }

  @Override
  public String id() {
    return code.toString();
  }

  @Override
  public List<ReplyClass> classes() {
    return List.of(code.replyClass());
  }
}
