package io.github.smtpreply.reply;

/**
 * An enhanced mail system status code (RFC 3463 §2): {@code class.subject.detail}, class 2, 4 or 5,
 * subject and detail of one to three digits. Common values are cached.
 */
public record EnhancedStatus(int classDigit, int subject, int detail)
    implements Comparable<EnhancedStatus> {
  public static final int MAX_PART = 999;
  private static final int CACHED_SUBJECTS = 10;
  private static final int CACHED_DETAILS = 100;
  private static final EnhancedStatus[] CACHE =
      new EnhancedStatus[3 * CACHED_SUBJECTS * CACHED_DETAILS];

  static {
    int[] classes = {2, 4, 5};
    for (int c = 0; c < 3; c++) {
      for (int s = 0; s < CACHED_SUBJECTS; s++) {
        for (int d = 0; d < CACHED_DETAILS; d++) {
          CACHE[(c * CACHED_SUBJECTS + s) * CACHED_DETAILS + d] =
              new EnhancedStatus(classes[c], s, d);
        }
      }
    }
  }

  public EnhancedStatus {
    if (!isValid(classDigit, subject, detail)) {
      throw new IllegalArgumentException(
          "enhanced status out of range: " + classDigit + "." + subject + "." + detail);
    }
  }

  public static boolean isValid(int classDigit, int subject, int detail) {
    return (classDigit == 2 || classDigit == 4 || classDigit == 5)
        && subject >= 0
        && subject <= MAX_PART
        && detail >= 0
        && detail <= MAX_PART;
  }

  /**
   * The status {@code classDigit.subject.detail}; cached for subjects below 10 and details below
   * 100.
   */
  public static EnhancedStatus of(int classDigit, int subject, int detail) {
    if (subject < CACHED_SUBJECTS && detail < CACHED_DETAILS) {
      int c = classDigit == 2 ? 0 : classDigit == 4 ? 1 : classDigit == 5 ? 2 : -1;
      if (c >= 0 && subject >= 0 && detail >= 0) {
        return CACHE[(c * CACHED_SUBJECTS + subject) * CACHED_DETAILS + detail];
      }
    }
    return new EnhancedStatus(classDigit, subject, detail);
  }

  /** Parses {@code "5.1.1"}; the whole text must be the status. */
  public static EnhancedStatus parse(CharSequence text) throws ReplyFormatException {
    int end = scan(text, 0, text.length());
    if (end != text.length()) {
      throw new ReplyFormatException(
          text.length() == 0
              ? ReplyFormatException.Problem.EMPTY
              : ReplyFormatException.Problem.NOT_A_STATUS,
          "an enhanced status is class.subject.detail with class 2, 4 or 5",
          text);
    }
    return at(text, 0, end);
  }

  /**
   * Scans a status starting at {@code from}: returns the index just past it, or -1 if no
   * well-formed status starts there. Does not look at the characters around it.
   */
  static int scan(CharSequence text, int from, int limit) {
    if (from >= limit) {
      return -1;
    }
    char c = text.charAt(from);
    if (c != '2' && c != '4' && c != '5') {
      return -1;
    }
    int i = from + 1;
    for (int part = 0; part < 2; part++) {
      if (i >= limit || text.charAt(i) != '.') {
        return -1;
      }
      i++;
      int digits = 0;
      while (i < limit && ReplyCode.isDigit(text.charAt(i)) && digits < 4) {
        i++;
        digits++;
      }
      if (digits == 0 || digits > 3) {
        return -1;
      }
    }
    return i;
  }

  /** Builds the status from a range that {@link #scan} accepted. */
  static EnhancedStatus at(CharSequence text, int from, int end) {
    int i = from + 2;
    int subject = 0;
    while (text.charAt(i) != '.') {
      subject = subject * 10 + (text.charAt(i++) - '0');
    }
    i++;
    int detail = 0;
    while (i < end) {
      detail = detail * 10 + (text.charAt(i++) - '0');
    }
    return of(text.charAt(from) - '0', subject, detail);
  }

  public ReplyClass replyClass() {
    return ReplyClass.ofDigit(classDigit);
  }

  @Override
  public int compareTo(EnhancedStatus o) {
    int c = Integer.compare(classDigit, o.classDigit);
    if (c == 0) {
      c = Integer.compare(subject, o.subject);
    }
    return c != 0 ? c : Integer.compare(detail, o.detail);
  }

  @Override
  public String toString() {
    return classDigit + "." + subject + "." + detail;
  }
}
