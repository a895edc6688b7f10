package io.github.smtpreply.bounce;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.classify.Flag;
import io.github.smtpreply.classify.Reason;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.Finding;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.ReplyFinder;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bounce message and classifies every recipient in it: RFC 3464 and RFC 6533 delivery
 * status notifications field by field, the common non-standard text bounces (qmail, Exim, Sendmail,
 * Exchange, providers) from their text; feedback reports and auto-replies are recognised and
 * labelled. Never throws on message content: what it cannot understand comes back as {@link
 * BounceKind#NOT_UNDERSTOOD} with the reason. Thread-safe.
 */
public final class BounceReader {
  /** Bytes of a message read at most; a longer message is read up to here and flagged. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private static final BounceReader STANDARD = new BounceReader(Classifier.standard());

  private final Classifier classifier;

  private BounceReader(Classifier classifier) {
    this.classifier = classifier;
  }

  /** The reader with the bundled classifier. */
  public static BounceReader standard() {
    return STANDARD;
  }

  /**
   * Reads one message from {@code in} (at most {@link #MAX_MESSAGE_BYTES}; the stream is not
   * closed).
   *
   * @throws IOException only when reading the stream fails
   */
  public Bounce read(InputStream in) throws IOException {
    byte[] raw = in.readNBytes(MAX_MESSAGE_BYTES + 1);
    if (raw.length > MAX_MESSAGE_BYTES) {
      Bounce bounce = read(java.util.Arrays.copyOf(raw, MAX_MESSAGE_BYTES));
      String cut = "message longer than " + MAX_MESSAGE_BYTES + " bytes; read up to there";
      return withProblem(bounce, cut);
    }
    return read(raw);
  }

  /** Reads one message (RFC 5322 bytes). */
  public Bounce read(byte[] message) {
    return read(message, true);
  }

  /**
   * @param mayOpenAttached whether a message attached to this one may be read in its place (a
   *     bounce forwarded as an attachment); false inside that attachment, so nesting stops there
   */
  private Bounce read(byte[] message, boolean mayOpenAttached) {
    MimeContent content = MimeContent.of(message);
    Headers headers = new Headers(content.headers, content.originalHeaders);
    String problem = content.problems.isEmpty() ? null : String.join("; ", content.problems);
    String text = String.join("\n", content.texts);
    TextScan scan = TextScan.of(text, headers.to());

    if (content.feedbackReport != null || headers.isFeedback()) {
      return feedback(content, headers, scan, problem);
    }
    List<String> reports = new ArrayList<>(content.deliveryStatus);
    if (reports.isEmpty()) {
      // A report whose MIME structure was lost: its fields sit in the text.
      String embedded = ReportFields.embedded(text);
      if (embedded != null) {
        reports.add(embedded);
      }
    }
    Bounce report = fromReports(reports, content.globalDeliveryStatus, headers, scan, problem);
    if (report != null) {
      return report;
    }
    SesNotification ses = SesNotification.parse(text);
    if (ses != null) {
      return fromSes(ses, scan, problem);
    }
    Bounce bounce = fromText(headers, scan, problem);
    if (mayOpenAttached && content.attached != null && !namesAReply(bounce)) {
      Bounce forwarded = read(content.attached, false);
      if (namesAReply(forwarded)) {
        return forwarded;
      }
    }
    return bounce;
  }

  private Bounce fromReports(
      List<String> reports, boolean global, Headers headers, TextScan scan, String problem) {
    List<BounceRecipient> recipients = new ArrayList<>();
    Map<String, String> perMessage = Map.of();
    for (String part : reports) {
      ReportFields fields = ReportFields.parse(part);
      if (perMessage.isEmpty()) {
        perMessage = fields.message;
      }
      for (Map<String, String> group : fields.recipients) {
        recipients.add(fromReport(group, scan, fields.recipients.size() == 1));
      }
    }
    if (recipients.isEmpty()) {
      return null;
    }
    return new Bounce(
        BounceKind.DELIVERY_STATUS,
        global ? "rfc6533" : "rfc3464",
        ReportFields.value(perMessage, "reporting-mta"),
        ReportFields.value(perMessage, "original-envelope-id"),
        ReportFields.value(perMessage, "arrival-date"),
        headers.original("message-id", scan.originalMessageId),
        headers.original("subject", scan.originalSubject),
        recipients,
        problem);
  }

  private Bounce fromText(Headers headers, TextScan scan, String problem) {
    boolean bounce = scan.format != null || headers.isBounce();
    if (!bounce && headers.isAutoReply()) {
      return autoReply(headers, problem);
    }
    List<BounceRecipient> recipients = new ArrayList<>();
    for (Map.Entry<String, String> block : scan.blocks.entrySet()) {
      recipients.add(fromText(block.getKey(), block.getValue(), scan));
    }
    if (!bounce && recipients.stream().noneMatch(r -> r.classification().code() != null)) {
      String why = "no delivery-status part, and the text is not a bounce format the reader knows";
      return notUnderstood(problem == null ? why : why + "; " + problem);
    }
    if (recipients.isEmpty()) {
      // A bounce that names no recipient on a line of its own: Exim's header says who, else the
      // first address in the text that is not the bounce's own sender or addressee, else the
      // returned original's addressee.
      List<String> failed = headers.failedRecipients();
      if (failed.isEmpty()) {
        String address = headers.firstOtherAddress(scan.region);
        if (address == null) {
          address = Headers.addressIn(headers.original("to", scan.originalTo));
        }
        failed = java.util.Collections.singletonList(address);
      }
      for (String address : failed) {
        recipients.add(fromText(address, scan.region, scan));
      }
    }
    return new Bounce(
        BounceKind.TEXT_BOUNCE,
        scan.format == null ? "text" : scan.format,
        null,
        null,
        null,
        headers.original("message-id", scan.originalMessageId),
        headers.original("subject", scan.originalSubject),
        recipients,
        problem);
  }

  /** True if some recipient's reply was found: a code or a status in the message itself. */
  private static boolean namesAReply(Bounce bounce) {
    for (BounceRecipient r : bounce.recipients()) {
      if (r.classification().code() != null || r.classification().enhanced() != null) {
        return true;
      }
    }
    return false;
  }

  private Bounce fromSes(SesNotification ses, TextScan scan, String problem) {
    List<BounceRecipient> recipients = new ArrayList<>();
    boolean complaint = ses.type().equals("Complaint");
    for (Map<String, String> group : ses.recipients()) {
      if (complaint) {
        String rcpt = ReportFields.value(group, "final-recipient");
        Classification c = notABounce(Reason.FEEDBACK, "feedback-report", "Amazon SES complaint");
        recipients.add(new BounceRecipient(rcpt, null, Action.FEEDBACK, null, "", null, c));
      } else {
        recipients.add(fromReport(group, scan, ses.recipients().size() == 1));
      }
    }
    return new Bounce(
        complaint ? BounceKind.FEEDBACK : BounceKind.DELIVERY_STATUS,
        "amazon-ses",
        ses.reportingMta(),
        null,
        null,
        ses.messageId(),
        ses.subject(),
        recipients,
        problem);
  }

  private BounceRecipient fromReport(
      Map<String, String> group, TextScan scan, boolean onlyRecipient) {
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
        classifier.classify(code, status(statusField(group.get("status")), finding), stage, text);
    String actionField = group.get("action");
    Action action = actionField == null ? null : Action.ofField(actionField);
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

  private BounceRecipient fromText(String recipient, String block, TextScan scan) {
    Classification c = failureIn(block);
    if (!isFailure(c) && !scan.preamble.isEmpty()) {
      // The block names no failure: the explanation above the recipient list may.
      Classification withPreamble = failureIn(scan.preamble + "\n" + block);
      if (isFailure(withPreamble) || c.code() == null) {
        c = withPreamble;
      }
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
    return new Classification(
        c.code(),
        c.enhanced(),
        status,
        replyClass,
        c.reason(),
        c.stage(),
        c.provider(),
        c.rule(),
        flags,
        c.text());
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

  private Bounce feedback(MimeContent content, Headers headers, TextScan scan, String problem) {
    List<BounceRecipient> recipients = new ArrayList<>();
    String reportText = content.feedbackReport == null ? "" : content.feedbackReport;
    Classification c = notABounce(Reason.FEEDBACK, "feedback-report", reportText.strip());
    ReportFields fields = ReportFields.parse(reportText);
    List<String> rcpts = ReportFields.all(reportText, "original-rcpt-to");
    if (rcpts.isEmpty()) {
      rcpts = java.util.Collections.singletonList(headers.originalRecipient());
    }
    for (String rcpt : rcpts) {
      recipients.add(
          new BounceRecipient(rcpt, null, Action.FEEDBACK, null, reportText.strip(), null, c));
    }
    return new Bounce(
        BounceKind.FEEDBACK,
        content.feedbackReport != null ? "arf" : "feedback",
        ReportFields.value(fields.message, "reporting-mta"),
        null,
        ReportFields.value(fields.message, "arrival-date"),
        headers.original("message-id", scan.originalMessageId),
        headers.original("subject", scan.originalSubject),
        recipients,
        problem);
  }

  private Bounce autoReply(Headers headers, String problem) {
    Classification c = notABounce(Reason.AUTO_REPLY, "auto-reply", headers.subject());
    BounceRecipient from =
        new BounceRecipient(headers.from(), null, Action.AUTO_REPLIED, null, "", null, c);
    return new Bounce(
        BounceKind.AUTO_REPLY, "rfc3834", null, null, null, null, null, List.of(from), problem);
  }

  private static Bounce notUnderstood(String why) {
    return new Bounce(
        BounceKind.NOT_UNDERSTOOD, "none", null, null, null, null, null, List.of(), why);
  }

  private static Bounce withProblem(Bounce b, String more) {
    String problem = b.problem() == null ? more : b.problem() + "; " + more;
    return new Bounce(
        b.kind(),
        b.format(),
        b.reportingMta(),
        b.envelopeId(),
        b.arrivalDate(),
        b.originalMessageId(),
        b.originalSubject(),
        b.recipients(),
        problem);
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

  /** A message that is not a bounce: no reply, the given reason, the rule that recognised it. */
  private static Classification notABounce(Reason reason, String rule, String text) {
    return new Classification(
        null, null, null, ReplyClass.UNKNOWN, reason, Stage.UNKNOWN, null, rule, Set.of(), text);
  }
}
