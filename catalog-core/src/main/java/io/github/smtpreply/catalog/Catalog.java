package io.github.smtpreply.catalog;

import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.text.DataFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every basic reply code and registered enhanced status code, with names, references, related codes
 * and explanations, read from the bundled data files ({@code basic-codes.tsv}, {@code
 * enhanced-codes.tsv}, {@code explanations_<lang>.properties}, {@code labels_<lang>.properties}).
 * Lookups by code are array reads and never allocate.
 */
public final class Catalog {
  private static final int ENHANCED_KEYS = 10 * 1000;
  private static final java.util.regex.Pattern CONCRETE_STATUS =
      java.util.regex.Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
  private static final Catalog STANDARD = load();

  private final BasicCodeEntry[] basicByCode =
      new BasicCodeEntry[ReplyCode.MAX - ReplyCode.MIN + 1];
  private final EnhancedCodeEntry[] enhancedByKey = new EnhancedCodeEntry[ENHANCED_KEYS];

  /** Vendor-specific statuses by class digit, then subject * 1000 + detail. */
  private final EnhancedCodeEntry[][] vendorByKey = new EnhancedCodeEntry[6][];

  private final Map<String, CodeEntry> statusEntries;
  private final Map<String, CodeEntry> byId;
  private final Map<Language, Properties> explanations;
  private final Map<Language, Properties> labels;
  private final Map<String, List<Variant>> variantsByCode;
  private final Map<Language, Properties> variantMeanings;
  private final List<BasicCodeEntry> basicEntries;
  private final List<EnhancedCodeEntry> enhancedEntries;
  private final List<Variant> variantList;

  private Catalog(
      List<BasicCodeEntry> basic,
      List<EnhancedCodeEntry> enhanced,
      Map<Language, Properties> explanations,
      Map<Language, Properties> labels,
      List<Variant> variants,
      Map<Language, Properties> variantMeanings) {
    this.basicEntries = List.copyOf(basic);
    this.enhancedEntries = List.copyOf(enhanced);
    this.variantList = List.copyOf(variants);
    Map<String, CodeEntry> ids = new LinkedHashMap<>();
    for (BasicCodeEntry entry : basic) {
      basicByCode[entry.code().value() - ReplyCode.MIN] = entry;
      ids.put(entry.id(), entry);
    }
    for (EnhancedCodeEntry entry : enhanced) {
      if (entry.isVendorSpecific()) {
        int c = entry.classes().get(0).digit();
        if (vendorByKey[c] == null) {
          vendorByKey[c] = new EnhancedCodeEntry[ENHANCED_KEYS];
        }
        for (int d = entry.detail(); d <= entry.lastDetail(); d++) {
          int key = entry.subject() * 1000 + d;
          if (vendorByKey[c][key] != null || enhancedByKey[key] != null) {
            throw new IllegalStateException("vendor code " + entry.id() + " overlaps another");
          }
          vendorByKey[c][key] = entry;
        }
      } else {
        enhancedByKey[entry.subject() * 1000 + entry.detail()] = entry;
      }
      ids.put(entry.id(), entry);
    }
    Map<String, CodeEntry> statuses = new LinkedHashMap<>();
    for (EnhancedCodeEntry entry : enhanced) {
      for (ReplyClass c : entry.classes()) {
        for (int d = entry.detail(); d <= entry.lastDetail(); d++) {
          statuses.put(c.digit() + "." + entry.subject() + "." + d, entry);
        }
      }
    }
    this.statusEntries = Collections.unmodifiableMap(statuses);
    this.byId = Collections.unmodifiableMap(ids);
    this.explanations = explanations;
    this.labels = labels;
    Map<String, List<Variant>> byCode = new LinkedHashMap<>();
    for (Variant variant : variants) {
      if (!ids.containsKey(variant.code())) {
        throw new IllegalStateException(
            "variant " + variant.id() + " names unknown code " + variant.code());
      }
      byCode.computeIfAbsent(variant.code(), k -> new ArrayList<>()).add(variant);
    }
    byCode.replaceAll((k, v) -> List.copyOf(v));
    this.variantsByCode = Collections.unmodifiableMap(byCode);
    this.variantMeanings = variantMeanings;
  }

  /** The bundled catalog. */
  public static Catalog standard() {
    return STANDARD;
  }

  /**
   * This catalog with other explanation texts: for tests of what happens when a translation is
   * missing.
   */
  Catalog withExplanations(Map<Language, Properties> texts) {
    return new Catalog(basicEntries, enhancedEntries, texts, labels, variantList, variantMeanings);
  }

  /** The entry for a basic code, or {@code null} when the catalog does not know it. */
  public BasicCodeEntry basic(ReplyCode code) {
    return basicByCode[code.value() - ReplyCode.MIN];
  }

  /** The registered entry for a status ({@code 5.1.1} → {@code X.1.1}), or {@code null}. */
  public EnhancedCodeEntry enhanced(EnhancedStatus status) {
    int subject = status.subject();
    return subject < 10 ? enhancedByKey[subject * 1000 + status.detail()] : null;
  }

  /**
   * The entry that explains a concrete status as sent: a vendor-specific entry for exactly this
   * class, subject and detail ({@code 5.7.606} → Microsoft's 5.7.606-649), else the registered
   * entry when its classes include the status's class ({@code 4.7.26} → X.7.26), else {@code null}.
   * What this returns is what is counted, has an info row and has a page: {@link #statusEntries()}.
   */
  public EnhancedCodeEntry status(EnhancedStatus status) {
    int subject = status.subject();
    if (subject >= 10 || status.detail() > 999) {
      return null;
    }
    int key = subject * 1000 + status.detail();
    EnhancedCodeEntry[] vendor = vendorByKey[status.classDigit()];
    if (vendor != null && vendor[key] != null) {
      return vendor[key];
    }
    EnhancedCodeEntry registered = enhancedByKey[key];
    return registered != null && registered.classes().contains(status.replyClass())
        ? registered
        : null;
  }

  /**
   * Every concrete status the catalog explains ({@code 4.7.26}, {@code 5.7.606}, …) with its entry,
   * in catalog order: the {@code enhanced} label values that are counted, the {@code
   * smtp_code_info} rows, and the pages, all from this one list.
   */
  public Map<String, CodeEntry> statusEntries() {
    return statusEntries;
  }

  /** All entries: basic codes in order, then enhanced codes in registry order. */
  public List<CodeEntry> entries() {
    return List.copyOf(byId.values());
  }

  /**
   * The entry for {@code 550}, {@code X.1.1}, or a concrete status such as {@code 5.1.1} (its
   * class-free entry). Empty for text that is not a known code.
   */
  public Optional<CodeEntry> find(String code) {
    String key = code.strip();
    if (key.length() > 2
        && (key.charAt(0) == 'x' || key.charAt(0) == 'X')
        && key.charAt(1) == '.') {
      return Optional.ofNullable(byId.get("X" + key.substring(1)));
    }
    if (CONCRETE_STATUS.matcher(key).matches()) {
      CodeEntry counted = statusEntries.get(key);
      return Optional.ofNullable(counted != null ? counted : byId.get("X" + key.substring(1)));
    }
    return Optional.ofNullable(byId.get(key));
  }

  /**
   * The explanation in {@code language}, else the English one marked as fallback; empty if none.
   */
  public Optional<Explanation> explanation(CodeEntry entry, Language language) {
    Optional<Explanation> own = explanationIn(entry, language, false);
    return own.isPresent() || language == Language.EN
        ? own
        : explanationIn(entry, Language.EN, true);
  }

  private Optional<Explanation> explanationIn(
      CodeEntry entry, Language language, boolean fallback) {
    Properties p = explanations.get(language);
    String id = entry.id();
    String description = p.getProperty(id + ".description");
    String when = p.getProperty(id + ".when");
    String fix = p.getProperty(id + ".fix");
    if (isBlank(description) || isBlank(when) || isBlank(fix)) {
      return Optional.empty();
    }
    return Optional.of(new Explanation(description, when, fix, language, fallback));
  }

  /** Providers' uses of this code that differ from its registry meaning, in file order. */
  public List<Variant> variants(CodeEntry entry) {
    return variantsByCode.getOrDefault(entry.id(), List.of());
  }

  /** What a provider means by a variant, in {@code language}, else in English. */
  public Explanation.Text variantMeaning(Variant variant, Language language) {
    String text = variantMeanings.get(language).getProperty(variant.id());
    if (!isBlank(text)) {
      return new Explanation.Text(text, language, false);
    }
    String english = variantMeanings.get(Language.EN).getProperty(variant.id());
    if (isBlank(english)) {
      throw new IllegalStateException("variant " + variant.id() + " has no meaning");
    }
    return new Explanation.Text(english, Language.EN, language != Language.EN);
  }

  /**
   * The code's short factual note in {@code language} (the {@code <id>.note} text; in English the
   * note of the data table), else the English note marked as fallback; empty when it has none.
   */
  public Optional<Explanation.Text> note(CodeEntry entry, Language language) {
    if (entry.note().isEmpty()) {
      return Optional.empty();
    }
    if (language == Language.EN) {
      return Optional.of(new Explanation.Text(entry.note(), Language.EN, false));
    }
    String text = explanations.get(language).getProperty(entry.id() + ".note");
    return Optional.of(
        isBlank(text)
            ? new Explanation.Text(entry.note(), Language.EN, true)
            : new Explanation.Text(text, language, false));
  }

  /** The code's short title in {@code language}, else the English one. */
  public String title(CodeEntry entry, Language language) {
    String title = explanations.get(language).getProperty(entry.id() + ".title");
    return isBlank(title) ? entry.title() : title;
  }

  /** A user-interface text ({@code heading.description}, {@code class.transient}, …). */
  public String label(Language language, String key) {
    String text = labels.get(language).getProperty(key);
    if (isBlank(text)) {
      text = labels.get(Language.EN).getProperty(key);
    }
    if (isBlank(text)) {
      throw new IllegalArgumentException("no label '" + key + "'");
    }
    return text;
  }

  /** The name of a class in a language: "Permanent Negative Completion" and its translations. */
  public String className(Language language, ReplyClass replyClass) {
    return label(language, "class." + replyClass.label());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  // ---- loading ---------------------------------------------------------------------------

  private static Catalog load() {
    List<BasicCodeEntry> basic = new ArrayList<>();
    for (String[] f : DataFiles.tsv(Catalog.class, "basic-codes.tsv", 8)) {
      basic.add(
          new BasicCodeEntry(
              ReplyCode.of(Integer.parseInt(f[0])),
              f[1],
              f[2],
              Standing.ofLabel(f[3])
                  .orElseThrow(() -> new IllegalStateException("unknown standing " + f[3])),
              references(f[4]),
              list(f[5]),
              list(f[6]),
              dashless(f[7])));
    }
    List<EnhancedCodeEntry> enhanced = new ArrayList<>();
    for (String[] f : DataFiles.tsv(Catalog.class, "enhanced-codes.tsv", 8)) {
      String[] parts = f[0].split("\\.");
      List<ReplyClass> classes = new ArrayList<>();
      for (char digit : f[3].toCharArray()) {
        classes.add(ReplyClass.ofDigit(digit - '0'));
      }
      List<ReplyCode> basicCodes = new ArrayList<>();
      for (String c : list(f[5])) {
        basicCodes.add(ReplyCode.of(Integer.parseInt(c)));
      }
      enhanced.add(
          new EnhancedCodeEntry(
              Integer.parseInt(parts[1]),
              Integer.parseInt(parts[2]),
              f[1],
              dashless(f[2]),
              classes,
              references(f[4]),
              basicCodes,
              list(f[6]),
              dashless(f[7])));
    }
    for (String[] f : DataFiles.tsv(Catalog.class, "vendor-codes.tsv", 8)) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?:-([0-9]{1,3}))?")
              .matcher(f[0]);
      if (!m.matches()) {
        throw new IllegalStateException("bad vendor code " + f[0]);
      }
      int detail = Integer.parseInt(m.group(3));
      enhanced.add(
          new EnhancedCodeEntry(
              Integer.parseInt(m.group(2)),
              detail,
              f[3],
              dashless(f[4]),
              List.of(ReplyClass.ofDigit(m.group(1).charAt(0) - '0')),
              List.of(),
              List.of(),
              list(f[6]),
              dashless(f[7]),
              f[1],
              f[2],
              m.group(4) == null ? detail : Integer.parseInt(m.group(4))));
    }
    List<Variant> variants = new ArrayList<>();
    for (String[] f : DataFiles.tsv(Catalog.class, "variants.tsv", 5)) {
      variants.add(new Variant(f[0], f[1], f[2], f[3]));
    }
    Map<Language, Properties> explanations = new EnumMap<>(Language.class);
    Map<Language, Properties> labels = new EnumMap<>(Language.class);
    Map<Language, Properties> variantMeanings = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      explanations.put(language, properties("explanations_" + language.tag() + ".properties"));
      labels.put(language, properties("labels_" + language.tag() + ".properties"));
      variantMeanings.put(language, properties("variants_" + language.tag() + ".properties"));
    }
    return new Catalog(basic, enhanced, explanations, labels, variants, variantMeanings);
  }

  private static List<RfcReference> references(String field) {
    return Arrays.stream(field.split(";")).map(String::strip).map(RfcReference::parse).toList();
  }

  private static List<String> list(String field) {
    if (field.equals("-") || field.isBlank()) {
      return List.of();
    }
    return Arrays.stream(field.split(",")).map(String::strip).toList();
  }

  private static String dashless(String field) {
    return field.equals("-") ? "" : field;
  }

  private static Properties properties(String name) {
    Properties p = new Properties();
    try (InputStream in = Catalog.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled data file missing: " + name);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    return p;
  }
}
