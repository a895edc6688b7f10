package io.github.smtpreply.classify;

import io.github.smtpreply.reply.EnhancedStatus;
import io.github.smtpreply.reply.ReplyClass;
import io.github.smtpreply.reply.ReplyCode;
import io.github.smtpreply.reply.ReplyFormatException;
import io.github.smtpreply.reply.Stage;
import io.github.smtpreply.text.DataFiles;
import io.github.smtpreply.text.PhraseMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reason rules, read from {@code rules.txt} (format described at its top), and the index that
 * finds the first matching rule without trying them all: rules are tried in file order, but only
 * those whose first phrase group was seen in the text, else whose exact statuses include the
 * reply's, else whose codes include the reply's, and the few with none of these conditions.
 */
final class RuleBook {
  private static final int STATUS_KEYS = 10 * 1000;

  private final List<Rule> rules;
  private final Rule[] ruleArray;
  private final PhraseMatcher phrases;
  private final int ruleWords;
  private final long[][] rulesByPhrase;
  private final long[][] rulesByStatus = new long[STATUS_KEYS][];
  private final long[][] rulesByCode = new long[ReplyCode.MAX - ReplyCode.MIN + 1][];
  private final long[] alwaysTried;

  private RuleBook(List<Rule> rules, PhraseMatcher phrases) {
    this.rules = List.copyOf(rules);
    this.ruleArray = rules.toArray(Rule[]::new);
    this.phrases = phrases;
    this.ruleWords = Math.max(1, (rules.size() + 63) >>> 6);
    this.rulesByPhrase = new long[phrases.size()][];
    this.alwaysTried = new long[ruleWords];
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      int[] statusKeys = rule.statuses().exactKeys();
      if (!rule.allOf().isEmpty()) {
        for (int phrase : rule.allOf().get(0)) {
          set(rulesByPhrase, phrase, r);
        }
      } else if (statusKeys != null && Arrays.stream(statusKeys).allMatch(k -> k < STATUS_KEYS)) {
        for (int key : statusKeys) {
          set(rulesByStatus, key, r);
        }
      } else if (rule.codes().needsCode()) {
        for (int v = ReplyCode.MIN; v <= ReplyCode.MAX; v++) {
          if (rule.codes().test(ReplyCode.of(v))) {
            set(rulesByCode, v - ReplyCode.MIN, r);
          }
        }
      } else {
        alwaysTried[r >>> 6] |= 1L << r;
      }
    }
  }

  private void set(long[][] index, int key, int rule) {
    if (index[key] == null) {
      index[key] = new long[ruleWords];
    }
    index[key][rule >>> 6] |= 1L << rule;
  }

  static RuleBook standard() {
    return parse(DataFiles.lines(RuleBook.class, "rules.txt"), "rules.txt");
  }

  /** The same book without the rules whose ids are given. */
  RuleBook without(Set<String> ids) {
    List<Rule> kept = new ArrayList<>(rules);
    kept.removeIf(r -> ids.contains(r.id()));
    return new RuleBook(kept, phrases);
  }

  List<Rule> rules() {
    return rules;
  }

  /** The normalised text of a phrase id. */
  String phrase(int id) {
    return phrases.phrase(id);
  }

  int phraseCount() {
    return phrases.size();
  }

  /**
   * Longs of scratch that {@link #scan} and {@link #first} need: the phrase hits, then the
   * candidate rules.
   */
  int scratchWords() {
    return phrases.words() + ruleWords;
  }

  void scan(CharSequence text, int from, int to, long[] hits) {
    phrases.scan(text, from, to, hits);
  }

  /**
   * The first rule in file order that matches, or {@code null}. {@code scratch} holds what {@link
   * #scan} found, and room after it for the candidate rules ({@link #scratchWords}).
   */
  Rule first(ReplyCode code, EnhancedStatus status, Stage stage, long[] scratch) {
    long[] byStatus = null;
    if (status != null) {
      int key = Rule.StatusCondition.key(status.subject(), status.detail());
      if (key < STATUS_KEYS) {
        byStatus = rulesByStatus[key];
      }
    }
    long[] byCode = code == null ? null : rulesByCode[code.value() - ReplyCode.MIN];
    // The rules whose first phrase group was seen, gathered in one pass over the phrases found.
    int byPhrase = phrases.words();
    int bitWords = (phrases.size() + 63) >>> 6; // then come the negative-context counters
    for (int h = 0; h < bitWords; h++) {
      long word = scratch[h];
      while (word != 0) {
        long[] mask = rulesByPhrase[(h << 6) + Long.numberOfTrailingZeros(word)];
        word &= word - 1;
        if (mask != null) {
          for (int w = 0; w < ruleWords; w++) {
            scratch[byPhrase + w] |= mask[w];
          }
        }
      }
    }
    // One word of candidates at a time, in file order.
    for (int w = 0; w < ruleWords; w++) {
      long candidates = alwaysTried[w] | scratch[byPhrase + w];
      if (byStatus != null) {
        candidates |= byStatus[w];
      }
      if (byCode != null) {
        candidates |= byCode[w];
      }
      while (candidates != 0) {
        Rule rule = ruleArray[(w << 6) + Long.numberOfTrailingZeros(candidates)];
        candidates &= candidates - 1;
        if (rule.test(code, status, stage, scratch)) {
          return rule;
        }
      }
    }
    return null;
  }

  // ---- parsing ----------------------------------------------------------------------------

  static RuleBook parse(List<String> lines, String source) {
    List<String> phraseList = new ArrayList<>();
    List<String> negatives = new ArrayList<>();
    Map<String, Integer> phraseIds = new HashMap<>();
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, List<String>> fields = null;
    int ruleLine = 0;
    for (int n = 0; n <= lines.size(); n++) {
      String line = n < lines.size() ? lines.get(n).strip() : "rule";
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String key = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : line.substring(space + 1).strip();
      if (key.equals("negative")) {
        // A negative context, outside any rule: hides the rule phrases found inside it.
        for (String alternative : value.split("\\|")) {
          String phrase = unquote(alternative.strip());
          if (PhraseMatcher.normalizeWords(phrase).isBlank()) {
            throw new IllegalStateException(source + ":" + (n + 1) + ": empty negative context");
          }
          negatives.add(phrase);
        }
        continue;
      }
      if (key.equals("rule")) {
        if (fields != null) {
          Rule rule = compile(fields, ruleLine, phraseList, phraseIds, source);
          if (!ids.add(rule.id())) {
            throw new IllegalStateException(
                source + ":" + ruleLine + ": duplicate rule " + rule.id());
          }
          rules.add(rule);
        }
        fields = new HashMap<>();
        fields.computeIfAbsent("rule", k -> new ArrayList<>()).add(value);
        ruleLine = n + 1;
        continue;
      }
      if (fields == null) {
        throw new IllegalStateException(source + ":" + (n + 1) + ": field outside a rule: " + line);
      }
      fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new RuleBook(rules, PhraseMatcher.ofWords(phraseList, negatives));
  }

  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "rule",
          "provider",
          "code",
          "status",
          "stage",
          "text",
          "not",
          "reason",
          "assign",
          "class",
          "source",
          "example");

  private static Rule compile(
      Map<String, List<String>> f,
      int line,
      List<String> phraseList,
      Map<String, Integer> phraseIds,
      String source) {
    String where = source + ":" + line + ": ";
    for (String key : f.keySet()) {
      if (!KNOWN_FIELDS.contains(key)) {
        throw new IllegalStateException(where + "unknown field '" + key + "'");
      }
    }
    String id = single(f, "rule", where);
    String reasonLabel = single(f, "reason", where);
    Reason reason =
        Reason.ofLabel(reasonLabel)
            .orElseThrow(
                () -> new IllegalStateException(where + "unknown reason '" + reasonLabel + "'"));
    List<int[]> allOf = new ArrayList<>();
    for (String group : f.getOrDefault("text", List.of())) {
      allOf.add(phraseGroup(group, phraseList, phraseIds, where));
    }
    int[] noneOf = new int[0];
    for (String group : f.getOrDefault("not", List.of())) {
      int[] more = phraseGroup(group, phraseList, phraseIds, where);
      int[] merged = Arrays.copyOf(noneOf, noneOf.length + more.length);
      System.arraycopy(more, 0, merged, noneOf.length, more.length);
      noneOf = merged;
    }
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    for (String s : words(f, "stage")) {
      stages.add(
          Stage.ofLabel(s)
              .orElseThrow(() -> new IllegalStateException(where + "unknown stage '" + s + "'")));
    }
    EnhancedStatus assign = null;
    if (f.containsKey("assign")) {
      try {
        assign = EnhancedStatus.parse(single(f, "assign", where));
      } catch (ReplyFormatException e) {
        throw new IllegalStateException(where + e.getMessage(), e);
      }
    }
    ReplyClass classOverride = null;
    if (f.containsKey("class")) {
      String label = single(f, "class", where);
      classOverride =
          Arrays.stream(ReplyClass.values())
              .filter(c -> c.label().equals(label))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(where + "unknown class " + label));
    }
    try {
      return new Rule(
          id,
          f.containsKey("provider") ? single(f, "provider", where) : null,
          Rule.CodeCondition.parse(words(f, "code")),
          Rule.StatusCondition.parse(words(f, "status")),
          Set.copyOf(stages),
          List.copyOf(allOf),
          noneOf,
          reason,
          assign,
          classOverride,
          f.containsKey("source") ? String.join(" ", f.get("source")) : null,
          List.copyOf(f.getOrDefault("example", List.of())),
          line);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + e.getMessage(), e);
    }
  }

  private static List<String> words(Map<String, List<String>> f, String key) {
    List<String> out = new ArrayList<>();
    // value.split("\\s+") without empty words, read without a regex (at start-up)
    for (String value : f.getOrDefault(key, List.of())) {
      int start = -1;
      for (int i = 0; i <= value.length(); i++) {
        char c = i < value.length() ? value.charAt(i) : ' ';
        boolean space =
            c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        if (space && start >= 0) {
          out.add(value.substring(start, i));
          start = -1;
        } else if (!space && start < 0) {
          start = i;
        }
      }
    }
    return out;
  }

  private static String single(Map<String, List<String>> f, String key, String where) {
    List<String> values = f.get(key);
    if (values == null || values.size() != 1 || values.get(0).isEmpty()) {
      throw new IllegalStateException(where + "needs exactly one '" + key + "'");
    }
    return values.get(0);
  }

  private static String unquote(String phrase) {
    if (phrase.length() >= 2 && phrase.startsWith("\"") && phrase.endsWith("\"")) {
      return phrase.substring(1, phrase.length() - 1);
    }
    return phrase;
  }

  /** {@code "user unknown" | "no such user"} → phrase ids. */
  private static int[] phraseGroup(
      String group, List<String> phraseList, Map<String, Integer> phraseIds, String where) {
    List<Integer> ids = new ArrayList<>();
    for (String alternative : group.split("\\|")) {
      String phrase = PhraseMatcher.normalizeWords(unquote(alternative.strip()));
      if (phrase.isBlank()) {
        throw new IllegalStateException(where + "empty phrase in: " + group);
      }
      String p = phrase;
      ids.add(
          phraseIds.computeIfAbsent(
              p,
              k -> {
                phraseList.add(k);
                return phraseList.size() - 1;
              }));
    }
    int[] a = new int[ids.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ids.get(i);
    }
    return a;
  }
}
