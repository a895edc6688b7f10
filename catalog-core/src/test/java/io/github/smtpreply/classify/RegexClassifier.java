package io.github.smtpreply.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The straightforward java.util.regex way to do what ReplyParser + Classifier do, for benchmarks: a
 * regex for the reply line, then for each rule of the same rule book one case-insensitive regex per
 * phrase group, tried in order.
 */
public final class RegexClassifier {
  private static final Pattern REPLY =
      Pattern.compile(
          "^([2-5][0-9][0-9])(?:[ -]([245])\\.([0-9]{1,3})\\.([0-9]{1,3}))?(?:[ -](.*))?$");

  private final List<Rule> rules;
  private final List<List<Pattern>> groups = new ArrayList<>();
  private final List<Pattern> nots = new ArrayList<>();

  public RegexClassifier() {
    RuleBook book = RuleBook.standard();
    this.rules = book.rules();
    List<String> phrases = phraseTexts(book);
    for (Rule rule : rules) {
      List<Pattern> ps = new ArrayList<>();
      for (int[] group : rule.allOf()) {
        ps.add(alternation(group, phrases));
      }
      groups.add(ps);
      nots.add(rule.noneOf().length == 0 ? null : alternation(rule.noneOf(), phrases));
    }
  }

  private static List<String> phraseTexts(RuleBook book) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < book.phraseCount(); i++) {
      out.add(book.phrase(i));
    }
    return out;
  }

  private static Pattern alternation(int[] ids, List<String> phrases) {
    StringBuilder re = new StringBuilder();
    for (int id : ids) {
      if (re.length() > 0) {
        re.append('|');
      }
      re.append(Pattern.quote(phrases.get(id)));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** Returns the reason label, or null when the line is not a reply. */
  public String classify(String line) {
    Matcher m = REPLY.matcher(line);
    if (!m.matches()) {
      return null;
    }
    int code = Integer.parseInt(m.group(1));
    int cls = code / 100;
    if (cls == 2 || cls == 3) {
      return Reason.NONE.label();
    }
    String text = m.group(5) == null ? "" : m.group(5);
    io.github.smtpreply.reply.EnhancedStatus status =
        m.group(2) == null
            ? null
            : io.github.smtpreply.reply.EnhancedStatus.of(
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
    io.github.smtpreply.reply.ReplyCode replyCode = io.github.smtpreply.reply.ReplyCode.of(code);
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if (!rule.codes().test(replyCode) || !rule.statuses().test(status)) {
        continue;
      }
      boolean all = true;
      for (Pattern p : groups.get(r)) {
        if (!p.matcher(text).find()) {
          all = false;
          break;
        }
      }
      if (all && (nots.get(r) == null || !nots.get(r).matcher(text).find())) {
        return rule.reason().label();
      }
    }
    return Reason.UNKNOWN.label();
  }
}
