package io.github.smtpreply.classify;

import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.Reply;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.ReplyParser;
import io.github.smtpreply.reply.Stage;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Classifies replies by the rules of DESIGN.md: class from the basic code (the enhanced status when
 * there is no code, the basic code deciding a conflict), reason and provider from the first
 * matching rule of the rule book, and the effective enhanced status. Thread-safe; never throws on
 * any input.
 */
public final class Classifier {
  private static final Classifier STANDARD = new Classifier(RuleBook.standard());

  private final RuleBook rules;

  /**
   * Each thread's phrase hits and candidate rules, cleared after use: a classification allocates
   * only its result.
   */
  private final ThreadLocal<long[]> scratch;

  Classifier(RuleBook rules) {
    this.rules = rules;
    this.scratch = ThreadLocal.withInitial(() -> new long[rules.scratchWords()]);
  }

  /** The classifier with the bundled rule book. */
  public static Classifier standard() {
    return STANDARD;
  }

  /**
   * This classifier without the rules named (unknown ids are ignored): for evaluating how the rule
   * book does on replies its authors never saw, and for turning off a rule that does not suit a
   * deployment.
   */
  public Classifier withoutRules(java.util.Collection<String> ruleIds) {
    return new Classifier(rules.without(Set.copyOf(ruleIds)));
  }

  /** Classifies a reply parsed strictly, stage unknown. */
  public Classification classify(Reply reply) {
    return classify(reply, Stage.UNKNOWN);
  }

  /** Classifies a reply parsed strictly, answered to {@code stage}. */
  public Classification classify(Reply reply, Stage stage) {
    return classify(reply.code(), reply.enhanced(), reply.text(), reply.mixedCodes(), stage);
  }

  private final ReplyParser.Parts<Classification> strictParts =
      (code, enhanced, text, mixed) -> classify(code, enhanced, text, mixed, Stage.UNKNOWN);

  /**
   * Parses a reply strictly ({@link ReplyParser#parse}) and classifies it, stage unknown: the same
   * result as {@code classify(ReplyParser.parse(wire))} without building the {@link Reply}.
   *
   * @throws ReplyFormatException as {@link ReplyParser#parse} does
   */
  public Classification parseAndClassify(CharSequence wire) throws ReplyFormatException {
    return ReplyParser.parse(wire, strictParts);
  }

  private Classification classify(
      ReplyCode code, EnhancedStatus enhanced, String text, boolean mixedCodes, Stage stage) {
    Set<Flag> flags = mixedCodes ? Set.of(Flag.MIXED_CODES) : Set.of();
    if (enhanced == null && code.value() >= 400 && quotes(text)) {
      // A reply that wraps another server's ("550 Remote Server returned '550 5.1.351 ...'"):
      // the same rule as for free text (ReplyFinder) takes the quoted cause's status.
      Finding finding = ReplyFinder.find(text);
      if (code.equals(finding.code())) {
        enhanced = finding.enhanced();
      }
    }
    return decide(code, enhanced, stage, text, 0, 0, text.length(), flags, text);
  }

  /**
   * Finds the decisive reply in free text (see {@link ReplyFinder}: in a text that holds several
   * replies, the last failing one) and classifies it.
   */
  public Classification classifyText(CharSequence text) {
    Finding finding = ReplyFinder.find(text);
    return classify(finding, finding.stage(), text);
  }

  /**
   * Classifies what {@link ReplyFinder#find} found in {@code text}, answered to {@code stage}: the
   * wording is read from the context before the first reply and from the decisive reply on, so that
   * earlier replies of a transcript do not decide the reason.
   */
  public Classification classify(Finding finding, Stage stage, CharSequence text) {
    Set<Flag> flags = finding.truncated() ? Set.of(Flag.TRUNCATED) : Set.of();
    int limit = Math.min(text.length(), ReplyFinder.MAX_SCAN);
    return decide(
        finding.code(),
        finding.enhanced(),
        stage,
        text,
        finding.replyAt() > 0 ? finding.contextEnd() : 0,
        finding.replyAt() > 0 ? finding.replyAt() : 0,
        limit,
        flags,
        finding.text());
  }

  /** Classifies what another reader found: a code and status (either may be null) and text. */
  public Classification classify(
      ReplyCode code, EnhancedStatus enhanced, Stage stage, CharSequence text) {
    int limit = Math.min(text.length(), ReplyFinder.MAX_SCAN);
    Set<Flag> flags = text.length() > limit ? Set.of(Flag.TRUNCATED) : Set.of();
    return decide(
        code, enhanced, stage, text, 0, 0, limit, flags, text.subSequence(0, limit).toString());
  }

  private Classification decide(
      ReplyCode code,
      EnhancedStatus enhanced,
      Stage stage,
      CharSequence text,
      int contextEnd,
      int replyAt,
      int limit,
      Set<Flag> inputFlags,
      String resultText) {
    // A success or intermediate reply has reason none whatever its text says: skip the text scan,
    // which is most of the cost, on the most common replies.
    boolean positive = code != null && code.value() < 400;
    Rule rule = null;
    if (!positive) {
      long[] hits = scratch.get();
      try {
        // [0, contextEnd) and [replyAt, limit): the whole text unless a later reply decides.
        int contextTo = Math.min(contextEnd, limit);
        if (contextTo > 0) { // (an empty range finds nothing)
          rules.scan(text, 0, contextTo, hits);
        }
        rules.scan(text, replyAt, limit, hits);
        rule = rules.first(code, enhanced, stage, hits);
      } finally {
        Arrays.fill(hits, 0);
      }
    }

    EnhancedStatus status = enhanced;
    boolean assigned = false;
    if (status == null) {
      status = assignedStatus(code, rule);
      assigned = status != null;
    }
    ReplyClass replyClass =
        code != null
            ? code.replyClass()
            : status != null ? status.replyClass() : ReplyClass.UNKNOWN;
    boolean conflict =
        code != null && enhanced != null && enhanced.classDigit() != code.value() / 100;
    boolean overridden = false;
    if (rule != null && rule.classOverride() != null && rule.classOverride() != replyClass) {
      replyClass = rule.classOverride();
      overridden = true;
    }
    Reason reason;
    if (replyClass == ReplyClass.SUCCESS || replyClass == ReplyClass.INTERMEDIATE) {
      reason = Reason.NONE;
    } else {
      reason = rule != null ? rule.reason() : Reason.UNKNOWN;
    }
    Set<Flag> flags = inputFlags;
    if (conflict || overridden || assigned) {
      EnumSet<Flag> more = EnumSet.noneOf(Flag.class);
      more.addAll(inputFlags);
      if (conflict) {
        more.add(Flag.CLASS_CONFLICT);
      }
      if (overridden) {
        more.add(Flag.CLASS_OVERRIDDEN);
      }
      if (assigned) {
        more.add(Flag.STATUS_ASSIGNED);
      }
      flags = more;
    }
    return new Classification(
        code,
        enhanced,
        status,
        replyClass,
        reason,
        stage,
        rule == null ? null : rule.provider(),
        rule == null ? null : rule.id(),
        flags,
        resultText);
  }

  /** True if the text after the code holds a quote or an opening bracket. */
  private static boolean quotes(String text) {
    for (int i = 4; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '<' || c == '(' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /**
   * The status an MTA assigns when the reply carries none: the rule's (with the code's class when
   * there is a code), else {@code c.0.0} for a code of class c.
   */
  private static EnhancedStatus assignedStatus(ReplyCode code, Rule rule) {
    if (code == null) {
      return rule == null ? null : rule.assign();
    }
    int digit = code.value() / 100;
    if (digit == 3) {
      return null; // RFC 2034: no enhanced status on intermediate replies
    }
    if (rule != null && rule.assign() != null) {
      return EnhancedStatus.of(digit, rule.assign().subject(), rule.assign().detail());
    }
    return EnhancedStatus.of(digit, 0, 0);
  }
}
