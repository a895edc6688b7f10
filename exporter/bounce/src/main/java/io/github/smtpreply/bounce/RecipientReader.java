package io.github.smtpreply.bounce;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.classify.Flag;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.Stage;
import java.util.EnumSet;
import java.util.Map;

/**
 * Reads one recipient of a bounce: from its report fields (with the text about it as a second
 * source), or from the text alone. Finds the reply that explains the failure, classifies it and
 * settles the recipient's status, class and action.
 */
final class RecipientReader {
  private final Classifier classifier;

  RecipientReader(Classifier classifier) {
    this.classifier = classifier;
  }

  BounceRecipient fromReport(Map<String, String> group, TextScan scan, boolean onlyRecipient) {
    String recipient = ReportFields.value(group, "final-recipient");
    String original = ReportFields.value(group, "original-recipient");
    if (recipient == null) {
      recipient = original;
    }
    String diagnostic = ReportFields.diagnostic(group);
    String block = recipient == null ? null : scan.block(recipient);
    if (block == null && diagnostic == null && onlyRecipient) {
      // The text names the recipient differently (Exim's "save to /path"): all of it is about them.
      block = scan.region;
    }
    String text = diagnostic != null ? diagnostic : block != null ? block : "";
    Finding finding = ReplyFinder.find(text);
    Stage stage = finding.stage();
    if (stage == Stage.UNKNOWN && block != null) {
      stage = ReplyFinder.stage(block, Math.min(block.length(), ReplyFinder.MAX_SCAN));
    }
    ReplyCode code = finding.code();
    if (code == null && block != null && diagnostic != null) {
      // The diagnostic carries no reply (X-Unix; 77): the text may quote the one the MTA gave.
      ReplyCode quoted = ReplyFinder.find(block).code();
      if (quoted != null && quoted.value() >= 400) {
        code = quoted;
      }
    }
    Classification c =
        classifier.classify(
            finding.withReply(code, status(statusField(group.get("status")), finding)),
            stage,
            text);
    String actionField = group.get("action");
    Action action = actionField == null ? null : Action.ofField(actionField).orElse(null);
    c = inReport(c, action == Action.DELAYED || (action == null && scan.delayed));
    if (action == null) {
      action = actionOf(c, scan.delayed);
    }
    return new BounceRecipient(
        recipient,
        original,
        action,
        ReportFields.value(group, "remote-mta"),
        text,
        ReportFields.value(group, "last-attempt-date"),
        c);
  }

  BounceRecipient fromText(String recipient, String block, TextScan scan) {
    Classification c = failureIn(block);
    if (!isFailure(c) && !scan.preamble.isEmpty()) {
      // The block names no failure: the explanation above the recipient list may.
      Classification withPreamble = failureIn(scan.preamble + "\n" + block);
      if (isFailure(withPreamble) || c.code() == null) {
        c = withPreamble;
      }
    }
    if (!isFailure(c) && c.code() != null) {
      // Only positive replies (a transcript's "250 ok"): the text bounce still reports a failure,
      // whose reply it does not quote.
      c = classifier.classify(null, null, c.stage(), block);
    }
    c = inReport(c, scan.delayed);
    return new BounceRecipient(recipient, null, actionOf(c, scan.delayed), null, block, null, c);
  }

  /**
   * A failure with no code and no status still has a class for the sender: permanent when the MTA
   * gave up, transient when it will retry. Sisimai and the MTAs' own DSNs read bounces this way.
   */
  private static Classification inReport(Classification c, boolean delayed) {
    if (c.replyClass() != ReplyClass.UNKNOWN) {
      return c;
    }
    ReplyClass replyClass = delayed ? ReplyClass.TRANSIENT : ReplyClass.PERMANENT;
    EnhancedStatus status =
        c.status() != null ? c.status() : EnhancedStatus.of(replyClass.digit(), 0, 0);
    EnumSet<Flag> flags = EnumSet.of(Flag.CLASS_FROM_REPORT);
    flags.addAll(c.flags());
    if (c.status() == null) {
      flags.add(Flag.STATUS_ASSIGNED);
    }
    return c.withClass(replyClass, status, flags);
  }

  /**
   * The first failure reply in a bounce's text: a transcript or a message summary also holds
   * positive replies ("250 ok" to MAIL FROM, a "Size: 222" the finder may take for a code), which
   * are skipped; when no failure follows, the first reply found.
   */
  private Classification failureIn(String text) {
    Classification first = classifier.classifyText(text);
    Classification failure = failureIn(text, first, 8);
    return failure != null ? failure : first;
  }

  /** The first failure in {@code text}, where {@code c} is what the finder found; else null. */
  private Classification failureIn(String text, Classification c, int budget) {
    if (isFailure(c)) {
      return c;
    }
    int at = c.code() == null ? -1 : text.indexOf(c.text());
    if (at < 0 || budget == 0) {
      return null;
    }
    // Look on both sides of the positive reply, the earlier text first.
    String before = text.substring(0, at);
    Classification found =
        before.isBlank() ? null : failureIn(before, classifier.classifyText(before), budget / 2);
    if (found == null) {
      String after = text.substring(at + 3);
      found = failureIn(after, classifier.classifyText(after), budget / 2);
    }
    return found;
  }

  /** A reply that says why delivery failed: a 4xx or 5xx code or status, or a known reason. */
  private static boolean isFailure(Classification c) {
    return c.replyClass() == ReplyClass.TRANSIENT
        || c.replyClass() == ReplyClass.PERMANENT
        || (c.replyClass() == ReplyClass.UNKNOWN && c.rule() != null);
  }

  private static Action actionOf(Classification c, boolean delayed) {
    if (c.replyClass() == ReplyClass.SUCCESS) {
      return Action.DELIVERED;
    }
    return delayed && c.replyClass() != ReplyClass.PERMANENT ? Action.DELAYED : Action.FAILED;
  }

  /**
   * The recipient's status: the Status field, unless it only gives the class (X.0.0) and the reply
   * carries a more precise status of the same class.
   */
  private static EnhancedStatus status(EnhancedStatus field, Finding reply) {
    EnhancedStatus precise = reply.enhanced();
    if (field == null) {
      return precise;
    }
    boolean generic = field.subject() == 0 && field.detail() == 0;
    if (generic && precise != null && precise.classDigit() == field.classDigit()) {
      return precise;
    }
    return field;
  }

  /** The Status field's code ({@code 5.1.1}, also with a trailing comment), or null. */
  private static EnhancedStatus statusField(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    int end = 0;
    while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) {
      end++;
    }
    try {
      return EnhancedStatus.parse(v.substring(0, end));
    } catch (ReplyFormatException e) {
      return null;
    }
  }
}
