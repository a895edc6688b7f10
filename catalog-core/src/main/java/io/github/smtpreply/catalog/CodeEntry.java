package io.github.smtpreply.catalog;

import io.github.smtpreply.reply.ReplyClass;
import java.util.List;

/** What the catalog knows about one code: a basic reply code or a registered enhanced status. */
public sealed interface CodeEntry permits BasicCodeEntry, EnhancedCodeEntry {
  /** {@code 550} or {@code X.1.1}: the key of {@link Catalog#find}. */
  String id();

  /** Short label, e.g. {@code Mailbox Unavailable}. */
  String title();

  /** The official name (RFC reply text or IANA sample text). */
  String name();

  List<RfcReference> references();

  /** Ids of related codes, each itself in the catalog. */
  List<String> related();

  /** A short factual note, or empty. */
  String note();

  /** The classes this code occurs in. */
  List<ReplyClass> classes();
}
