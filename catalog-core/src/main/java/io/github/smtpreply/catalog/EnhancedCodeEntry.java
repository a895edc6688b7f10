package io.github.smtpreply.catalog;

import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import java.util.List;

/**
 * An enhanced status code: a registered one (RFC 3463, IANA registry), class-free: {@code X.1.1};
 * or a vendor-specific one that the registry does not list, with its class and possibly a range of
 * details: {@code 5.7.606-649} (Microsoft), checked against the vendor's own documentation.
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
 * @param vendor who defines it ({@code Microsoft 365}), or empty for a registered code
 * @param source the vendor's documentation page (https URL), or empty for a registered code
 * @param lastDetail the last detail of a vendor range ({@code 649} for 5.7.606-649), else {@code
 *     detail}
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
    String note,
    String vendor,
    String source,
    int lastDetail)
    implements CodeEntry {

  public EnhancedCodeEntry {
    if (!vendor.isEmpty() && (classes.size() != 1 || !source.startsWith("https://"))) {
      throw new IllegalArgumentException("a vendor code has one class and an https source");
    }
    if (lastDetail < detail) {
      throw new IllegalArgumentException("bad range " + detail + "-" + lastDetail);
    }
    classes = List.copyOf(classes);
    references = List.copyOf(references);
    basicCodes = List.copyOf(basicCodes);
    related = List.copyOf(related);
  }

  /** A registered entry. */
  public EnhancedCodeEntry(
      int subject,
      int detail,
      String title,
      String name,
      List<ReplyClass> classes,
      List<RfcReference> references,
      List<ReplyCode> basicCodes,
      List<String> related,
      String note) {
    this(
        subject,
        detail,
        title,
        name,
        classes,
        references,
        basicCodes,
        related,
        note,
        "",
        "",
        detail);
  }

  /** True for a code the IANA registry does not list: its meaning is one vendor's. */
  public boolean isVendorSpecific() {
    return !vendor.isEmpty();
  }

  /**
   * {@code X.1.1} for a registered code; {@code 5.7.606-649} or {@code 5.2.121} for a vendor code
   * (with its class digit, since the vendor defines it for one class only).
   */
  @Override
  public String id() {
    if (!isVendorSpecific()) {
      return "X." + subject + "." + detail;
    }
    return classes.get(0).digit()
        + "."
        + subject
        + "."
        + detail
        + (lastDetail > detail ? "-" + lastDetail : "");
  }
}
