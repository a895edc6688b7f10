package io.github.smtpreply.metrics;

import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;

/**
 * Counts classified SMTP replies as {@code smtp.replies} (Prometheus {@code smtp_replies_total})
 * with the labels of DESIGN.md: {@code code, class, enhanced, reason, stage, source, route}.
 *
 * <p>Series are bounded by construction, per label and in total. Per label: {@code code} takes the
 * catalog's basic codes plus {@code none} and {@code other} (51 values), {@code enhanced} the
 * statuses the catalog explains ({@code Catalog.statusEntries()}: registered codes in the classes
 * they occur in, vendor codes such as Microsoft's 5.7.606-649) plus {@code none} and {@code other}
 * (383), {@code class} 4, {@code reason} {@value #REASONS}, {@code stage} 10, {@code source} at
 * most {@value #MAX_SOURCES} distinct values and {@code route} at most {@value #MAX_ROUTES} (later
 * ones become {@code other}). In total: at most {@code maxSeries} series (default {@value
 * #DEFAULT_MAX_SERIES}), because remote servers choose code, status and text and the product of the
 * labels is in the millions. New combinations get their own series until three quarters of the
 * limit are used; beyond, a reply is counted in the overflow series of its class, source and route,
 * whose code, enhanced, reason and stage are {@code other} (the last quarter is kept for these).
 * Should even that quarter run out, the 4 places reserved last take the rest: one per class, with
 * source and route {@code other} as well. {@code smtp.replies.overflowed} counts the folded replies
 * by source.
 *
 * <p>Replies with neither code nor status nor recognised condition have no class; they are counted
 * in {@code smtp.replies.unclassified} by source and route instead. Recording an existing series
 * looks a counter up without locking or allocating; creating one costs the same however many exist.
 */
public final class SmtpReplyMetrics implements MeterBinder {
  public static final int MAX_SOURCES = 16;
  public static final int MAX_ROUTES = 64;

  /**
   * The default limit of {@code smtp_replies_total} series. The 546 real replies of the dev corpus,
   * from dozens of providers, make 223 label combinations: the 1,500 of them that get their own
   * series hold that variety six times over (six routes), and /metrics stays under 400 KB.
   */
  public static final int DEFAULT_MAX_SERIES = 2_000;

  /** The highest limit that can be configured (the table of counters is allocated for it). */
  public static final int MAX_SERIES_LIMIT = 100_000;

  static final int REASONS = 36;

  private static final ReplyClass[] CLASSES = {
    ReplyClass.SUCCESS, ReplyClass.INTERMEDIATE, ReplyClass.TRANSIENT, ReplyClass.PERMANENT
  };
  private static final int OTHER_REASON = Reason.values().length;
  private static final int OTHER_STAGE = Stage.values().length;

  private final Iterable<Tag> extraTags;
  private final boolean codeInfo;
  private final int maxSeries;
  private final Catalog catalog;
  private final LabelIndex labels;
  private final CounterTable counters;
  private final BoundedLabels sources = new BoundedLabels(MAX_SOURCES);
  private final BoundedLabels routes = new BoundedLabels(MAX_ROUTES);
  private final CounterTable unclassified = new CounterTable((MAX_SOURCES + 2) * (MAX_ROUTES + 2));
  private final CounterTable overflowed = new CounterTable(MAX_SOURCES + 2);
  private volatile MeterRegistry registry;

  public SmtpReplyMetrics() {
    this(Collections.emptyList());
  }

  public SmtpReplyMetrics(Iterable<Tag> extraTags) {
    this(extraTags, false);
  }

  public SmtpReplyMetrics(Iterable<Tag> extraTags, boolean codeInfo) {
    this(extraTags, codeInfo, DEFAULT_MAX_SERIES);
  }

  /**
   * @param extraTags tags added to every meter
   * @param codeInfo also register {@code smtp.code.info} (value 1) per catalog code with its name
   *     and class, so dashboards can show names beside codes
   * @param maxSeries the most {@code smtp.replies} series, overflow series included: 64 to {@value
   *     #MAX_SERIES_LIMIT}
   * @throws IllegalArgumentException if {@code maxSeries} is out of that range
   */
  public SmtpReplyMetrics(Iterable<Tag> extraTags, boolean codeInfo, int maxSeries) {
    if (maxSeries < 64 || maxSeries > MAX_SERIES_LIMIT) {
      throw new IllegalArgumentException(
          "maxSeries must be 64 to " + MAX_SERIES_LIMIT + ", not " + maxSeries);
    }
    this.extraTags = extraTags;
    this.codeInfo = codeInfo;
    this.maxSeries = maxSeries;
    this.catalog = Catalog.standard();
    this.labels = new LabelIndex(catalog);
    this.counters = new CounterTable(maxSeries);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(SmtpReplyMeters.SERIES, this, SmtpReplyMetrics::series)
        .description(SmtpReplyMeters.SERIES_HELP)
        .tags(extraTags)
        .register(registry);
    Gauge.builder(SmtpReplyMeters.SERIES_LIMIT, () -> maxSeries)
        .description(SmtpReplyMeters.SERIES_LIMIT_HELP)
        .tags(extraTags)
        .register(registry);
    if (codeInfo) {
      // One row per label value the counter can carry, from the same index, so none is missing
      // (an enhanced status is counted in every class, e.g. 4.7.26 beside the catalog's 5.7.26).
      for (int i = LabelIndex.OTHER + 1; i < labels.codeValues(); i++) {
        info(registry, labels.codeLabel(i));
      }
      for (int i = LabelIndex.OTHER + 1; i < labels.statusValues(); i++) {
        info(registry, labels.statusLabel(i));
      }
    }
  }

  private void info(MeterRegistry registry, String code) {
    CodeEntry entry =
        catalog
            .find(code)
            .orElseThrow(() -> new IllegalStateException("no catalog entry for " + code));
    ReplyClass c = ReplyClass.ofDigit(code.charAt(0) - '0');
    String name = entry.title();
    Gauge.builder(SmtpReplyMeters.CODE_INFO, () -> 1)
        .description(SmtpReplyMeters.CODE_INFO_HELP)
        .tags(extraTags)
        .tags(
            SmtpReplyMeters.CODE,
            code,
            SmtpReplyMeters.NAME,
            name,
            SmtpReplyMeters.CLASS,
            c.label())
        .register(registry);
  }

  /**
   * Counts one reply.
   *
   * @param reply the classified reply
   * @param source what saw it: {@code camel}, {@code dsn}, {@code postfix}, {@code exim}, … (see
   *     {@link SmtpReplyMeters})
   * @param route the Camel route id or the MTA transport; {@code null} or empty for none
   * @throws IllegalStateException if {@link #bindTo} was not called first (a programming error)
   */
  public void record(Classification reply, String source, String route) {
    record(reply, source, route, 1);
  }

  /**
   * Counts {@code times} replies of one series at once, as an input does when it restores the
   * counts that its checkpoint kept across a restart.
   *
   * @param times how many; 0 registers the series without counting
   * @throws IllegalArgumentException if {@code times} is negative
   */
  public void record(Classification reply, String source, String route, long times) {
    if (times < 0) {
      throw new IllegalArgumentException("a count cannot go down: " + times);
    }
    MeterRegistry r = registry;
    if (r == null) {
      throw new IllegalStateException("bind SmtpReplyMetrics to a MeterRegistry before recording");
    }
    int sourceIndex = sources.index(source);
    int routeIndex = routes.index(route);
    int classIndex = classIndex(reply.replyClass());
    if (classIndex < 0) {
      long key = ((long) sourceIndex << 8) | routeIndex;
      Counter c = unclassified.find(key);
      if (c == null) {
        c = unclassified.insert(key, Integer.MAX_VALUE, k -> createUnclassified(r, k));
      }
      c.increment(times);
      return;
    }
    long key =
        key(
            labels.code(reply.code()),
            classIndex,
            labels.status(reply.status()),
            reply.reason().ordinal(),
            reply.stage().ordinal(),
            sourceIndex,
            routeIndex);
    Counter c = counters.find(key);
    (c != null ? c : admit(r, key, classIndex, sourceIndex, routeIndex)).increment(times);
  }

  /** The counter of a combination not seen yet: its own series while there is room, else folded. */
  private Counter admit(MeterRegistry r, long key, int classIndex, int source, int route) {
    // The last quarter is kept for overflow series, its last CLASSES.length places for the
    // overflow series of last resort, so that a flood of new combinations cannot take them.
    int own = maxSeries - maxSeries / 4;
    Counter c = counters.size() < own ? counters.insert(key, own, k -> create(r, k)) : null;
    if (c != null) {
      return c;
    }
    overflowed(r, source).increment();
    long folded = overflowKey(classIndex, source, route);
    c = counters.find(folded);
    if (c == null) {
      c = counters.insert(folded, maxSeries - CLASSES.length, k -> create(r, k));
    }
    if (c == null) {
      long last = overflowKey(classIndex, BoundedLabels.OTHER, BoundedLabels.OTHER);
      c = counters.find(last);
      if (c == null) {
        c = counters.insert(last, maxSeries, k -> create(r, k));
      }
    }
    return c;
  }

  private Counter overflowed(MeterRegistry r, int source) {
    Counter c = overflowed.find(source);
    return c != null
        ? c
        : overflowed.insert(
            source,
            Integer.MAX_VALUE,
            k ->
                Counter.builder(SmtpReplyMeters.OVERFLOWED)
                    .description(SmtpReplyMeters.OVERFLOWED_HELP)
                    .tags(extraTags)
                    .tags(SmtpReplyMeters.SOURCE, sources.label((int) k))
                    .register(r));
  }

  private static long overflowKey(int classIndex, int source, int route) {
    return key(
        LabelIndex.OTHER, classIndex, LabelIndex.OTHER, OTHER_REASON, OTHER_STAGE, source, route);
  }

  // A series' labels packed into one long, lowest bits first: code 6 bits, class 2, enhanced 9,
  // reason 6, stage 4, source 5, route 7 (39 bits). LabelIndex checks its values fit.
  static final int CODE_BITS = 6;
  static final int STATUS_BITS = 9;
  private static final int CLASS_SHIFT = CODE_BITS;
  private static final int STATUS_SHIFT = CLASS_SHIFT + 2;
  private static final int REASON_SHIFT = STATUS_SHIFT + STATUS_BITS;
  private static final int STAGE_SHIFT = REASON_SHIFT + 6;
  private static final int SOURCE_SHIFT = STAGE_SHIFT + 4;
  private static final int ROUTE_SHIFT = SOURCE_SHIFT + 5;

  private static long key(
      int code, int classIndex, int status, int reason, int stage, int source, int route) {
    return ((long) code)
        | ((long) classIndex << CLASS_SHIFT)
        | ((long) status << STATUS_SHIFT)
        | ((long) reason << REASON_SHIFT)
        | ((long) stage << STAGE_SHIFT)
        | ((long) source << SOURCE_SHIFT)
        | ((long) route << ROUTE_SHIFT);
  }

  private static int field(long key, int shift, int bits) {
    return (int) (key >>> shift) & ((1 << bits) - 1);
  }

  /**
   * True if {@code value} can be a {@code source} or {@code route} label as given (1–64 characters
   * of {@code [A-Za-z0-9_.:-]}); anything else is counted as {@code other}.
   */
  public static boolean isLabelValue(String value) {
    return BoundedLabels.isIdentifier(value);
  }

  /** The {@code code} label this binder gives a reply's code: {@code none}, {@code other} or it. */
  public String codeLabel(ReplyCode code) {
    return labels.codeLabel(labels.code(code));
  }

  /** The {@code enhanced} label this binder gives a status: {@code none}, {@code other} or it. */
  public String statusLabel(EnhancedStatus status) {
    return labels.statusLabel(labels.status(status));
  }

  /** Number of {@code smtp.replies} series created so far, overflow series included. */
  public int series() {
    return counters.size();
  }

  /** The most {@code smtp.replies} series this binder creates. */
  public int maxSeries() {
    return maxSeries;
  }

  private Counter create(MeterRegistry r, long key) {
    int reason = field(key, REASON_SHIFT, 6);
    int stage = field(key, STAGE_SHIFT, 4);
    return Counter.builder(SmtpReplyMeters.REPLIES)
        .description(SmtpReplyMeters.REPLIES_HELP)
        .tags(extraTags)
        .tags(
            Tags.of(
                Tag.of(SmtpReplyMeters.CODE, labels.codeLabel(field(key, 0, CODE_BITS))),
                Tag.of(SmtpReplyMeters.CLASS, CLASSES[field(key, CLASS_SHIFT, 2)].label()),
                Tag.of(
                    SmtpReplyMeters.ENHANCED,
                    labels.statusLabel(field(key, STATUS_SHIFT, STATUS_BITS))),
                Tag.of(SmtpReplyMeters.REASON, reasonLabel(reason)),
                Tag.of(SmtpReplyMeters.STAGE, stageLabel(stage)),
                Tag.of(SmtpReplyMeters.SOURCE, sources.label(field(key, SOURCE_SHIFT, 5))),
                Tag.of(SmtpReplyMeters.ROUTE, routes.label(field(key, ROUTE_SHIFT, 7)))))
        .register(r);
  }

  private Counter createUnclassified(MeterRegistry r, long key) {
    return Counter.builder(SmtpReplyMeters.UNCLASSIFIED)
        .description(SmtpReplyMeters.UNCLASSIFIED_HELP)
        .tags(extraTags)
        .tags(
            SmtpReplyMeters.SOURCE,
            sources.label((int) (key >>> 8)),
            SmtpReplyMeters.ROUTE,
            routes.label((int) (key & 0xff)))
        .register(r);
  }

  /** Every value of {@code reason}: the taxonomy's labels and {@code other}. */
  static String reasonLabel(int index) {
    return index == OTHER_REASON ? SmtpReplyMeters.OTHER : Reason.values()[index].label();
  }

  /** Every value of {@code stage}: the stages' labels and {@code other}. */
  static String stageLabel(int index) {
    return index == OTHER_STAGE ? SmtpReplyMeters.OTHER : Stage.values()[index].label();
  }

  static int classIndex(ReplyClass c) {
    return switch (c) {
      case SUCCESS -> 0;
      case INTERMEDIATE -> 1;
      case TRANSIENT -> 2;
      case PERMANENT -> 3;
      case UNKNOWN -> -1;
    };
  }
}
