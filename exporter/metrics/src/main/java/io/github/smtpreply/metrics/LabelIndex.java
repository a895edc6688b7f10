package io.github.smtpreply.metrics;

import io.github.smtpreply.catalog.BasicCodeEntry;
import io.github.smtpreply.catalog.Catalog;
import io.github.smtpreply.catalog.CodeEntry;
import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded label values of {@code code} and {@code enhanced}, as small integers: catalog codes
 * keep their value, anything else becomes {@code other}, an absent value {@code none}.
 */
final class LabelIndex {
  static final int NONE = 0;
  static final int OTHER = 1;

  private final int[] codeIndex = new int[ReplyCode.MAX - ReplyCode.MIN + 1];
  private final List<String> codeLabels = new ArrayList<>(List.of("none", "other"));

  /**
   * Index by (class digit, subject, detail) of the catalog's statuses:
   * [class][subject*1000+detail].
   */
  private final int[][] statusIndex = new int[6][10 * 1000];

  private final List<String> statusLabels = new ArrayList<>(List.of("none", "other"));

  LabelIndex(Catalog catalog) {
    for (CodeEntry entry : catalog.entries()) {
      if (entry instanceof BasicCodeEntry basic) {
        codeIndex[basic.code().value() - ReplyCode.MIN] = codeLabels.size();
        codeLabels.add(basic.id());
      }
    }
    // Exactly the statuses the catalog explains (and the info rows): 4.7.26 yes, 2.7.26 no.
    for (String status : catalog.statusEntries().keySet()) {
      String[] parts = status.split("\\.");
      int key = Integer.parseInt(parts[1]) * 1000 + Integer.parseInt(parts[2]);
      statusIndex[status.charAt(0) - '0'][key] = statusLabels.size();
      statusLabels.add(status);
    }
    // The binder packs these indexes into a series key of fixed widths.
    if (codeLabels.size() > 1 << SmtpReplyMetrics.CODE_BITS
        || statusLabels.size() > 1 << SmtpReplyMetrics.STATUS_BITS) {
      throw new IllegalStateException(
          "the catalog has more codes ("
              + codeLabels.size()
              + ") or statuses ("
              + statusLabels.size()
              + ") than a series key holds");
    }
  }

  int code(ReplyCode code) {
    if (code == null) {
      return NONE;
    }
    int index = codeIndex[code.value() - ReplyCode.MIN];
    return index == 0 ? OTHER : index;
  }

  int status(EnhancedStatus status) {
    if (status == null) {
      return NONE;
    }
    if (status.subject() >= 10) {
      return OTHER;
    }
    int index = statusIndex[status.classDigit()][status.subject() * 1000 + status.detail()];
    return index == 0 ? OTHER : index;
  }

  String codeLabel(int index) {
    return codeLabels.get(index);
  }

  String statusLabel(int index) {
    return statusLabels.get(index);
  }

  int codeValues() {
    return codeLabels.size();
  }

  int statusValues() {
    return statusLabels.size();
  }
}
