package io.github.smtpreply.catalog;

/**
 * A reference to an RFC (optionally a section) or to the IANA registry.
 *
 * @param rfc the RFC number, or 0 for the IANA SMTP enhanced status code registry
 * @param section the section ({@code 4.2.3}) or empty
 */
public record RfcReference(int rfc, String section) {
  private static final String IANA = "IANA-SMTP-ENHANCED";

  public RfcReference {
    if (rfc < 0 || !section.matches("([0-9]+(\\.[0-9]+)*)?")) {
      throw new IllegalArgumentException("bad reference: RFC" + rfc + ":" + section);
    }
  }

  /** Parses {@code RFC5321:4.2.3}, {@code RFC7504} or {@code IANA-SMTP-ENHANCED}. */
  public static RfcReference parse(String text) {
    if (text.equals(IANA)) {
      return new RfcReference(0, "");
    }
    if (!text.matches("RFC[0-9]+(:[0-9]+(\\.[0-9]+)*)?")) {
      throw new IllegalArgumentException("bad reference: " + text);
    }
    int colon = text.indexOf(':');
    return colon < 0
        ? new RfcReference(Integer.parseInt(text.substring(3)), "")
        : new RfcReference(Integer.parseInt(text.substring(3, colon)), text.substring(colon + 1));
  }

  public boolean isRegistry() {
    return rfc == 0;
  }

  /** {@code RFC 5321 §4.2.3}, {@code RFC 7504}, or the registry's name. */
  public String label() {
    if (isRegistry()) {
      return "IANA SMTP Enhanced Status Codes registry";
    }
    return section.isEmpty() ? "RFC " + rfc : "RFC " + rfc + " §" + section;
  }

  /** The page of the RFC editor (or IANA) this reference points at. */
  public String url() {
    if (isRegistry()) {
      return "https://www.iana.org/assignments/smtp-enhanced-status-codes/";
    }
    String base = "https://www.rfc-editor.org/rfc/rfc" + rfc;
    return section.isEmpty() ? base : base + "#section-" + section;
  }

  @Override
  public String toString() {
    return isRegistry() ? IANA : section.isEmpty() ? "RFC" + rfc : "RFC" + rfc + ":" + section;
  }
}
