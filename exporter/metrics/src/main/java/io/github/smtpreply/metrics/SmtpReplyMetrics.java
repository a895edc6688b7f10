package io.github.smtpreply.metrics;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.catalog.EnhancedCodeEntry;
import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts classified SMTP replies as {@code smtp.replies} (Prometheus {@code smtp_replies_total})
 * with the labels of DESIGN.md: {@code code, class, enhanced, reason, stage, source, route}.
 *
 * <p>Series are bounded by construction: {@code code} takes the catalog's basic codes plus {@code
 * none} and {@code other} (50 values), {@code enhanced} the registered statuses in each class plus
 * {@code none} and {@code other} (245), {@code class} 4, {@code reason} {@value #REASONS}, {@code
 * stage} 10, {@code source} at most {@value #MAX_SOURCES} distinct values and {@code route} at most
 * {@value #MAX_ROUTES} (later ones become {@code other}). Replies with neither code nor status nor
 * recognised condition have no class; they are counted in {@code smtp.replies.unclassified} by
 * source and route instead. Recording looks a cached counter up and does not allocate.
 */
public final class SmtpReplyMetrics implements MeterBinder {
  public static final String REPLIES = "smtp.replies";
  public static final String UNCLASSIFIED = "smtp.replies.unclassified";
  public static final String CODE_INFO = "smtp.code.info";
  public static final int MAX_SOURCES = 16;

  /** The {@code source} label of replies read from bounce messages. */
  public static final String DSN_SOURCE = "dsn";

  public static final int MAX_ROUTES = 64;
  static final int REASONS = 36;

  private static final ReplyClass[] CLASSES = {
    ReplyClass.SUCCESS, ReplyClass.INTERMEDIATE, ReplyClass.TRANSIENT, ReplyClass.PERMANENT
  };

  private final Iterable<Tag> extraTags;
  private final boolean codeInfo;
  private final Catalog catalog;
  private final LabelIndex labels;
  private final CounterTable counters = new CounterTable();
  private final BoundedLabels sources = new BoundedLabels(MAX_SOURCES);
  private final BoundedLabels routes = new BoundedLabels(MAX_ROUTES);
  private final CounterTable unclassified = new CounterTable();
  private volatile MeterRegistry registry;

  public SmtpReplyMetrics() {
    this(Collections.emptyList());
  }

  public SmtpReplyMetrics(Iterable<Tag> extraTags) {
    this(extraTags, false);
  }

  /**
   * @param extraTags tags added to every meter
   * @param codeInfo also register {@code smtp.code.info} (value 1) per catalog code with its name
   *     and class, so dashboards can show names beside codes
   */
  public SmtpReplyMetrics(Iterable<Tag> extraTags, boolean codeInfo) {
    this.extraTags = extraTags;
    this.codeInfo = codeInfo;
    this.catalog = Catalog.standard();
    this.labels = new LabelIndex(catalog);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    if (codeInfo) {
      for (CodeEntry entry : catalog.entries()) {
        if (entry instanceof BasicCodeEntry basic) {
          info(registry, basic.id(), basic.title(), basic.code().replyClass());
        } else if (entry instanceof EnhancedCodeEntry enhanced) {
          for (ReplyClass c : enhanced.classes()) {
            info(registry, c.digit() + enhanced.id().substring(1), enhanced.title(), c);
          }
        }
      }
    }
  }

  private void info(MeterRegistry registry, String code, String name, ReplyClass c) {
    Gauge.builder(CODE_INFO, () -> 1)
        .description("The catalog's name and class of each SMTP code; always 1")
        .tags(extraTags)
        .tags("code", code, "name", name, "class", c.label())
        .register(registry);
  }

  /**
   * Counts one reply.
   *
   * @param reply the classified reply
   * @param source what saw it: {@code camel}, {@code dsn}, {@code postfix}, {@code exim}, …
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
      unclassified
          .get(((long) sourceIndex << 8) | routeIndex, k -> createUnclassified(r, k))
          .increment(times);
      return;
    }
    long key =
        ((long) labels.code(reply.code()))
            | ((long) classIndex << 6)
            | ((long) labels.status(reply.status()) << 8)
            | ((long) reply.reason().ordinal() << 16)
            | ((long) reply.stage().ordinal() << 22)
            | ((long) sourceIndex << 26)
            | ((long) routeIndex << 31);
    counters.get(key, k -> create(r, k)).increment(times);
  }

  /** Number of {@code smtp.replies} series created so far. */
  public int series() {
    return counters.size();
  }

  private Counter create(MeterRegistry r, long key) {
    Tags tags =
        Tags.of(
            Tag.of("code", labels.codeLabel((int) (key & 0x3f))),
            Tag.of("class", CLASSES[(int) (key >>> 6) & 0x3].label()),
            Tag.of("enhanced", labels.statusLabel((int) (key >>> 8) & 0xff)),
            Tag.of("reason", Reason.values()[(int) (key >>> 16) & 0x3f].label()),
            Tag.of("stage", Stage.values()[(int) (key >>> 22) & 0xf].label()),
            Tag.of("source", sources.label((int) (key >>> 26) & 0x1f)),
            Tag.of("route", routes.label((int) (key >>> 31) & 0x7f)));
    return Counter.builder(REPLIES)
        .description("SMTP replies received, by code, class, enhanced status, reason and stage")
        .tags(extraTags)
        .tags(tags)
        .register(r);
  }

  private Counter createUnclassified(MeterRegistry r, long key) {
    return Counter.builder(UNCLASSIFIED)
        .description("SMTP replies with no code, no status and no known condition")
        .tags(extraTags)
        .tags("source", sources.label((int) (key >>> 8)), "route", routes.label((int) (key & 0xff)))
        .register(r);
  }

  private static int classIndex(ReplyClass c) {
    return switch (c) {
      case SUCCESS -> 0;
      case INTERMEDIATE -> 1;
      case TRANSIENT -> 2;
      case PERMANENT -> 3;
      case UNKNOWN -> -1;
    };
  }

  /**
   * Free-form label values (source, route) mapped to small indexes, at most {@code max} distinct
   * values; index 0 is {@code none}, 1 is {@code other}. Values must look like identifiers.
   */
  static final class BoundedLabels {
    private final int max;
    private final ConcurrentHashMap<String, Integer> index = new ConcurrentHashMap<>();
    private final String[] labels;
    private final AtomicInteger next = new AtomicInteger(2);

    BoundedLabels(int max) {
      this.max = max;
      this.labels = new String[max + 2];
      labels[0] = "none";
      labels[1] = "other";
      index.put("none", 0);
      index.put("other", 1);
    }

    int index(String value) {
      if (value == null || value.isEmpty()) {
        return 0;
      }
      Integer i = index.get(value);
      if (i != null) {
        return i;
      }
      if (next.get() >= max + 2 || !isIdentifier(value)) {
        return 1; // full, or free text that must not become a label value
      }
      synchronized (this) {
        i = index.get(value);
        if (i != null) {
          return i;
        }
        int n = next.get();
        if (n >= max + 2) {
          return 1;
        }
        labels[n] = value;
        index.put(value, n);
        next.set(n + 1);
        return n;
      }
    }

    String label(int i) {
      return labels[i];
    }

    /** 1–64 characters of {@code [A-Za-z0-9_.:-]}; checked without a regex (hot path). */
    private static boolean isIdentifier(String value) {
      if (value.length() > 64) {
        return false;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == ':'
                || c == '-';
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
