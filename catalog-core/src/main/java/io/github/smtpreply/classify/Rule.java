package io.github.smtpreply.classify;

import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.Stage;
import io.github.smtpreply.text.PhraseMatcher;
import java.util.List;
import java.util.Set;

/**
 * One rule of the rule book ({@code rules.txt}), compiled: conditions on code, status, stage and
 * text, and what it decides.
 *
 * @param id unique name, shown in results and test failures
 * @param provider the provider whose reply this is, or {@code null} for a general rule
 * @param codes the code condition
 * @param statuses the status condition
 * @param stages stages the rule is limited to; empty = any
 * @param allOf phrase-id groups that must each match (any phrase of a group)
 * @param noneOf phrase ids none of which may match
 * @param reason the reason decided
 * @param assign status assigned when the reply carries none, or {@code null}
 * @param classOverride class that replaces the code's class, or {@code null}
 * @param source the documentation or source code the rule's facts come from, or {@code null}
 * @param examples reply texts this rule must decide (checked by the rule book test)
 * @param line line of the rule in the rules file
 */
record Rule(
    String id,
    String provider,
    CodeCondition codes,
    StatusCondition statuses,
    Set<Stage> stages,
    List<int[]> allOf,
    int[] noneOf,
    Reason reason,
    EnhancedStatus assign,
    ReplyClass classOverride,
    String source,
    List<String> examples,
    int line) {

  boolean test(ReplyCode code, EnhancedStatus status, Stage stage, long[] hits) {
    if (!codes.test(code) || !statuses.test(status)) {
      return false;
    }
    if (!stages.isEmpty() && !stages.contains(stage)) {
      return false;
    }
    for (int[] group : allOf) {
      if (!anyHit(group, hits)) {
        return false;
      }
    }
    return !anyHit(noneOf, hits);
  }

  private static boolean anyHit(int[] ids, long[] hits) {
    for (int id : ids) {
      if (PhraseMatcher.has(hits, id)) {
        return true;
      }
    }
    return false;
  }

  /** Code patterns such as {@code 550}, {@code 55x}, {@code 5xx} or {@code none}. */
  record CodeCondition(boolean any, boolean none, boolean[] allowed) {
    static final CodeCondition ANY = new CodeCondition(true, true, new boolean[0]);

    static CodeCondition parse(List<String> patterns) {
      if (patterns.isEmpty()) {
        return ANY;
      }
      boolean none = false;
      boolean[] allowed = new boolean[ReplyCode.MAX - ReplyCode.MIN + 1];
      for (String pattern : patterns) {
        if (pattern.equals("none")) {
          none = true;
          continue;
        }
        if (!isCodePattern(pattern)) {
          throw new IllegalArgumentException("bad code pattern: " + pattern);
        }
        for (int v = ReplyCode.MIN; v <= ReplyCode.MAX; v++) {
          char[] value = {
            (char) ('0' + v / 100), (char) ('0' + v / 10 % 10), (char) ('0' + v % 10)
          };
          boolean match = true;
          for (int i = 0; i < 3; i++) {
            match &= pattern.charAt(i) == 'x' || pattern.charAt(i) == value[i];
          }
          allowed[v - ReplyCode.MIN] |= match;
        }
      }
      return new CodeCondition(false, none, allowed);
    }

    boolean test(ReplyCode code) {
      return any || (code == null ? none : allowed[code.value() - ReplyCode.MIN]);
    }

    /** True when only replies with one of a set of codes match (no wildcard, no {@code none}). */
    boolean needsCode() {
      return !any && !none;
    }
  }

  /**
   * Status patterns {@code class.subject.detail}, each part a number or {@code x}, or {@code none}.
   * Wildcards are stored as -1.
   */
  record StatusCondition(boolean any, boolean none, int[][] patterns) {
    static final StatusCondition ANY = new StatusCondition(true, true, new int[0][]);

    static StatusCondition parse(List<String> patterns) {
      if (patterns.isEmpty()) {
        return ANY;
      }
      boolean none = false;
      int[][] compiled = new int[patterns.size()][];
      int n = 0;
      for (String pattern : patterns) {
        if (pattern.equals("none")) {
          none = true;
          continue;
        }
        String[] parts = pattern.split("\\.", -1);
        if (parts.length != 3) {
          throw new IllegalArgumentException("bad status pattern: " + pattern);
        }
        int[] p = new int[3];
        for (int i = 0; i < 3; i++) {
          if (parts[i].equals("x")) {
            p[i] = -1;
          } else if (isNumber(parts[i])) {
            p[i] = Integer.parseInt(parts[i]);
          } else {
            throw new IllegalArgumentException("bad status pattern: " + pattern);
          }
        }
        compiled[n++] = p;
      }
      return new StatusCondition(false, none, java.util.Arrays.copyOf(compiled, n));
    }

    boolean test(EnhancedStatus status) {
      if (any) {
        return true;
      }
      if (status == null) {
        return none;
      }
      for (int[] p : patterns) {
        if ((p[0] < 0 || p[0] == status.classDigit())
            && (p[1] < 0 || p[1] == status.subject())
            && (p[2] < 0 || p[2] == status.detail())) {
          return true;
        }
      }
      return false;
    }

    /**
     * The (subject, detail) keys a status must have to match, or {@code null} when the condition
     * also matches other statuses (wildcards, {@code none}, or no condition).
     */
    int[] exactKeys() {
      if (any || none) {
        return null;
      }
      int[] keys = new int[patterns.length];
      for (int i = 0; i < patterns.length; i++) {
        int[] p = patterns[i];
        if (p[1] < 0 || p[2] < 0) {
          return null;
        }
        keys[i] = key(p[1], p[2]);
      }
      return keys;
    }

    static int key(int subject, int detail) {
      return subject * 1000 + detail;
    }
  }

  /** {@code [2-5x][0-9x][0-9x]}, read without a regex (rule books are read at start-up). */
  static boolean isCodePattern(String p) {
    return p.length() == 3
        && (p.charAt(0) >= '2' && p.charAt(0) <= '5' || p.charAt(0) == 'x')
        && (isDigit(p.charAt(1)) || p.charAt(1) == 'x')
        && (isDigit(p.charAt(2)) || p.charAt(2) == 'x');
  }

  /** {@code [0-9]{1,3}}, read without a regex. */
  static boolean isNumber(String p) {
    if (p.isEmpty() || p.length() > 3) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (!isDigit(p.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
