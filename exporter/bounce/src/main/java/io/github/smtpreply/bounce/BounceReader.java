package io.github.smtpreply.bounce;

import io.github.smtpreply.classify.Classification;
import io.github.smtpreply.classify.Classifier;
import io.github.smtpreply.classify.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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

  private static final String CUT =
      "message longer than " + MAX_MESSAGE_BYTES + " bytes; read up to there";

  /**
   * Built on first use, not when the class loads: {@link #useAngusStreamProvider} needs no rule
   * book.
   */
  private static final class Standard {
    static final BounceReader READER = new BounceReader(Classifier.standard());
  }

  private final RecipientReader recipientReader;

  private BounceReader(Classifier classifier) {
    this.recipientReader = new RecipientReader(classifier);
  }

  /** The reader with the bundled classifier. */
  public static BounceReader standard() {
    return Standard.READER;
  }

  /** A reader that classifies with {@code classifier} (e.g. one without some rules). */
  public static BounceReader with(Classifier classifier) {
    return new BounceReader(classifier);
  }

  /** The system property by which Jakarta Mail finds its stream provider without a scan. */
  public static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

  /** Angus Mail's stream provider, the one a ServiceLoader scan would find. */
  public static final String ANGUS_STREAM_PROVIDER =
      "org.eclipse.angus.mail.util.MailStreamProvider";

  /**
   * Opt-in, JVM-wide: names Angus Mail's stream provider in the system property {@value
   * #STREAM_PROVIDER_PROPERTY}, unless the property is already set. Jakarta Mail 2.1 otherwise
   * looks its stream provider up with a ServiceLoader scan of the class path for every MIME body
   * part; naming it makes reading a bounce about three times faster. The reader never calls this
   * itself: an application calls it once at start (the smtp-reply command line does), or sets the
   * property on its command line ({@code -Djakarta.mail.util.StreamProvider=...}).
   *
   * @return true if the property was set by this call
   */
  public static boolean useAngusStreamProvider() {
    if (System.getProperty(STREAM_PROVIDER_PROPERTY) != null) {
      return false;
    }
    System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
    return true;
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
      return read(Arrays.copyOf(raw, MAX_MESSAGE_BYTES)).withProblem(CUT);
    }
    return read(raw);
  }

  /**
   * Reads every message of a mailbox file (mbox: messages starting with {@code From } lines), or
   * the one message when the input is not an mbox; one message is held in memory at a time.
   *
   * @throws IOException only when reading the stream fails
   */
  public List<Bounce> readMailbox(InputStream in) throws IOException {
    List<Bounce> bounces = new ArrayList<>();
    Mailbox mailbox = new Mailbox(in);
    for (byte[] message = mailbox.next(); message != null; message = mailbox.next()) {
      Bounce bounce = read(message);
      if (mailbox.lastWasCut()) {
        bounce = bounce.withProblem(CUT);
      }
      bounces.add(bounce);
    }
    return bounces;
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
    String text = TextScan.unquoted(String.join("\n", content.texts));
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
        recipients.add(recipientReader.fromReport(group, scan, fields.recipients.size() == 1));
      }
    }
    if (recipients.isEmpty()) {
      return null;
    }
    return Bounce.of(BounceKind.DELIVERY_STATUS, global ? "rfc6533" : "rfc3464", recipients)
        .withReport(
            ReportFields.value(perMessage, "reporting-mta"),
            ReportFields.value(perMessage, "original-envelope-id"),
            ReportFields.value(perMessage, "arrival-date"))
        .withOriginal(
            headers.original("message-id", scan.originalMessageId),
            headers.original("subject", scan.originalSubject))
        .withProblem(problem);
  }

  private Bounce fromText(Headers headers, TextScan scan, String problem) {
    boolean bounce = scan.format != null || headers.isBounce();
    if (!bounce && headers.isAutoReply()) {
      return autoReply(headers, problem);
    }
    List<BounceRecipient> recipients = new ArrayList<>();
    for (Map.Entry<String, String> block : scan.blocks.entrySet()) {
      recipients.add(recipientReader.fromText(block.getKey(), block.getValue(), scan));
    }
    if (!bounce && recipients.stream().noneMatch(r -> r.classification().code() != null)) {
      String why = "no delivery-status part, and the text is not a bounce format the reader knows";
      return Bounce.notUnderstood(why).withProblem(problem);
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
        failed = Collections.singletonList(address);
      }
      for (String address : failed) {
        recipients.add(recipientReader.fromText(address, scan.region, scan));
      }
    }
    return Bounce.of(BounceKind.TEXT_BOUNCE, scan.format == null ? "text" : scan.format, recipients)
        .withOriginal(
            headers.original("message-id", scan.originalMessageId),
            headers.original("subject", scan.originalSubject))
        .withProblem(problem);
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
        Classification c =
            Classification.withoutReply(Reason.FEEDBACK, "feedback-report", "Amazon SES complaint");
        recipients.add(new BounceRecipient(rcpt, null, Action.FEEDBACK, null, "", null, c));
      } else {
        recipients.add(recipientReader.fromReport(group, scan, ses.recipients().size() == 1));
      }
    }
    return Bounce.of(
            complaint ? BounceKind.FEEDBACK : BounceKind.DELIVERY_STATUS, "amazon_ses", recipients)
        .withReport(ses.reportingMta(), null, null)
        .withOriginal(ses.messageId(), ses.subject())
        .withProblem(problem);
  }

  private Bounce feedback(MimeContent content, Headers headers, TextScan scan, String problem) {
    List<BounceRecipient> recipients = new ArrayList<>();
    String reportText = content.feedbackReport == null ? "" : content.feedbackReport;
    Classification c =
        Classification.withoutReply(Reason.FEEDBACK, "feedback-report", reportText.strip());
    ReportFields fields = ReportFields.parse(reportText);
    List<String> rcpts = ReportFields.all(reportText, "original-rcpt-to");
    if (rcpts.isEmpty()) {
      rcpts = Collections.singletonList(headers.originalRecipient());
    }
    for (String rcpt : rcpts) {
      recipients.add(
          new BounceRecipient(rcpt, null, Action.FEEDBACK, null, reportText.strip(), null, c));
    }
    return Bounce.of(
            BounceKind.FEEDBACK, content.feedbackReport != null ? "arf" : "feedback", recipients)
        .withReport(
            ReportFields.value(fields.message, "reporting-mta"),
            null,
            ReportFields.value(fields.message, "arrival-date"))
        .withOriginal(
            headers.original("message-id", scan.originalMessageId),
            headers.original("subject", scan.originalSubject))
        .withProblem(problem);
  }

  private Bounce autoReply(Headers headers, String problem) {
    Classification c =
        Classification.withoutReply(Reason.AUTO_REPLY, "auto-reply", headers.subject());
    BounceRecipient from =
        new BounceRecipient(headers.from(), null, Action.AUTO_REPLIED, null, "", null, c);
    return Bounce.of(BounceKind.AUTO_REPLY, "rfc3834", List.of(from)).withProblem(problem);
  }
}
