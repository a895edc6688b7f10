package io.github.smtpreply.reply;

/**
 * A basic SMTP reply code (RFC 5321 §4.2): three digits, the first 2–5. The second and third digit
 * may be any digit: codes such as {@code 571} are outside the RFC but real, and stay as received.
 * Instances are cached; {@link #of(int)} never allocates.
 */
public record ReplyCode(int value) implements Comparable<ReplyCode> {
  public static final int MIN = 200;
  public static final int MAX = 599;

  private static final ReplyCode[] CACHE = new ReplyCode[MAX - MIN + 1];

  static {
    for (int v = MIN; v <= MAX; v++) {
      CACHE[v - MIN] = new ReplyCode(v);
    }
  }

  public ReplyCode {
    if (value < MIN || value > MAX) {
      throw new IllegalArgumentException("reply code out of range 200-599: " + value);
    }
  }

  /** The cached code; throws {@link IllegalArgumentException} outside 200–599. */
  public static ReplyCode of(int value) {
    if (value < MIN || value > MAX) {
      throw new IllegalArgumentException("reply code out of range 200-599: " + value);
    }
    return CACHE[value - MIN];
  }

  /** True if {@code value} is a valid reply code. */
  public static boolean isValid(int value) {
    return value >= MIN && value <= MAX;
  }

  /** Parses exactly three digits, e.g. {@code "550"}. */
  public static ReplyCode parse(CharSequence text) throws ReplyFormatException {
    if (text.length() == 0) {
      throw new ReplyFormatException(ReplyFormatException.Problem.EMPTY, "empty reply code", text);
    }
    if (text.length() != 3
        || !isDigit(text.charAt(0))
        || !isDigit(text.charAt(1))
        || !isDigit(text.charAt(2))) {
      throw new ReplyFormatException(
          ReplyFormatException.Problem.NOT_A_CODE, "a reply code is three digits", text);
    }
    int value = (text.charAt(0) - '0') * 100 + (text.charAt(1) - '0') * 10 + (text.charAt(2) - '0');
    if (!isValid(value)) {
      throw new ReplyFormatException(
          ReplyFormatException.Problem.CODE_OUT_OF_RANGE,
          "a reply code starts with 2, 3, 4 or 5",
          text);
    }
    return CACHE[value - MIN];
  }

  public ReplyClass replyClass() {
    return ReplyClass.ofDigit(value / 100);
  }

  public ReplyCategory category() {
    return ReplyCategory.ofDigit(value / 10 % 10);
  }

  @Override
  public int compareTo(ReplyCode other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }

  /** The number formed by the three digits at {@code i}, or -1 if they are not three digits. */
  static int digitsAt(CharSequence text, int i) {
    if (i + 3 > text.length()) {
      return -1;
    }
    char a = text.charAt(i);
    char b = text.charAt(i + 1);
    char c = text.charAt(i + 2);
    if (!isDigit(a) || !isDigit(b) || !isDigit(c)) {
      return -1;
    }
    return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
