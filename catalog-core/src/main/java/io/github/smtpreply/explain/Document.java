package io.github.smtpreply.explain;

import java.util.List;

/**
 * A rendered-format-neutral page: what {@link Explainer} builds and each {@link Format} writes.
 *
 * @param title the page title
 * @param language the BCP 47 tag of the text
 * @param summary the opening paragraphs
 * @param sections the sections in order
 * @param codes ids of the codes the page is about ({@code 550}, {@code X.1.1})
 */
public record Document(
    String title,
    String language,
    List<String> summary,
    List<Section> sections,
    List<String> codes) {

  public Document {
    summary = List.copyOf(summary);
    sections = List.copyOf(sections);
    codes = List.copyOf(codes);
  }

  /**
   * A section: a heading, paragraphs, a numbered list, links, and nested sections.
   *
   * @param heading the heading text
   * @param paragraphs paragraphs of text
   * @param items numbered list items
   * @param links links (to related codes or RFCs)
   * @param subsections nested sections, one level down
   */
  public record Section(
      String heading,
      List<String> paragraphs,
      List<String> items,
      List<Link> links,
      List<Section> subsections) {

    public Section {
      paragraphs = List.copyOf(paragraphs);
      items = List.copyOf(items);
      links = List.copyOf(links);
      subsections = List.copyOf(subsections);
    }

    /** A section with a heading and nothing under it yet; add content with the {@code with…}s. */
    public static Section titled(String heading) {
      return new Section(heading, List.of(), List.of(), List.of(), List.of());
    }

    static Section text(String heading, String... paragraphs) {
      return titled(heading).withParagraphs(List.of(paragraphs));
    }

    public Section withParagraphs(List<String> paragraphs) {
      return new Section(heading, paragraphs, items, links, subsections);
    }

    public Section withItems(List<String> items) {
      return new Section(heading, paragraphs, items, links, subsections);
    }

    public Section withLinks(List<Link> links) {
      return new Section(heading, paragraphs, items, links, subsections);
    }

    public Section withSubsections(List<Section> subsections) {
      return new Section(heading, paragraphs, items, links, subsections);
    }
  }

  /**
   * A link.
   *
   * @param text the visible text
   * @param href a page path such as {@code /codes/550} or an absolute https URL
   */
  public record Link(String text, String href) {}
}
