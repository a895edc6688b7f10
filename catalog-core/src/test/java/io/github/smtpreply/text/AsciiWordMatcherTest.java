package io.github.smtpreply.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Word mode's ASCII fast path against two references, with the rule book's phrases and negative
 * contexts: the character automaton it stands in for, and a plain reading of the rules.txt header
 * (the text as lower-case words, addresses dropped, plural s dropped; a phrase found where the
 * words start with it). Texts: the rule book's examples, and random word sequences built from the
 * phrases with noise inserted (addresses, hosts, IP addresses, punctuation, case, folding, plurals,
 * continued last words, characters outside ASCII).
 */
class AsciiWordMatcherTest {
  private static List<String> phrases;
  private static List<String> negatives;
  private static List<String> examples;
  private static PhraseMatcher matcher;
  private static List<String> patterns;
  private static PatternHits recorder;

  @BeforeAll
  static void readRuleBook() throws IOException {
    phrases = new ArrayList<>();
    negatives = new ArrayList<>();
    examples = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                AsciiWordMatcherTest.class.getResourceAsStream(
                    "/io/github/smtpreply/classify/rules.txt"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        line = line.strip();
        int space = line.indexOf(' ');
        String key = space < 0 ? line : line.substring(0, space);
        String value = space < 0 ? "" : line.substring(space + 1).strip();
        switch (key) {
          case "text", "not" -> addAlternatives(value, phrases);
          case "negative" -> addAlternatives(value, negatives);
          case "example" -> examples.add(value);
          default -> {}
        }
      }
    }
    matcher = PhraseMatcher.ofWords(phrases, negatives);
    patterns = new ArrayList<>();
    phrases.forEach(p -> patterns.add(PhraseMatcher.normalizeWords(p)));
    negatives.forEach(p -> patterns.add(PhraseMatcher.normalizeWords(p)));
    recorder =
        new PatternHits(
            patterns.subList(0, phrases.size()), patterns.subList(phrases.size(), patterns.size()));
  }

  private static void addAlternatives(String group, List<String> into) {
    for (String alternative : group.split("\\|")) {
      String p = alternative.strip();
      if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
        p = p.substring(1, p.length() - 1);
      }
      if (!into.contains(p)) {
        into.add(p);
      }
    }
  }

  @Test
  void findsWhatTheAutomatonFindsInTheRuleBooksExamples() {
    assertThat(examples).hasSizeGreaterThan(100);
    for (String example : examples) {
      assertSameAsReferences(example);
    }
  }

  /** Texts of {@link AsciiWordMatcher#KEPT_LENGTH} or more are read with buffers of their own. */
  @Test
  void readsTextsLongerThanWhatAThreadKeepsAsItReadsShortOnes() {
    SplittableRandom random = new SplittableRandom(11L);
    List<String> words = phraseWords();
    for (int n = 0; n < 200; n++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < AsciiWordMatcher.KEPT_LENGTH + random.nextInt(4000)) {
        text.append(randomText(random, words)).append(' ');
      }
      assertSameAsReferences(text.toString());
      assertSameAsReferences(randomText(random, words)); // a short one after it, on the same thread
    }
  }

  @Test
  void findsWhatTheAutomatonAndThePlainReadingFindInRandomTexts() {
    SplittableRandom random = new SplittableRandom(20261204L);
    List<String> words = phraseWords();
    for (int n = 0; n < 20_000; n++) {
      assertSameAsReferences(randomText(random, words));
    }
  }

  @Test
  void keepsCountsAcrossTwoRangesOfOneText() {
    SplittableRandom random = new SplittableRandom(7L);
    List<String> words = new ArrayList<>(negatives);
    words.addAll(phrases);
    for (int n = 0; n < 5_000; n++) {
      String text = randomText(random, words);
      int cut = random.nextInt(text.length() + 1);
      int resume = cut + random.nextInt(text.length() - cut + 1);
      long[] fast = new long[matcher.words()];
      matcher.scan(text, 0, cut, fast);
      matcher.scan(text, resume, text.length(), fast);
      long[] automaton = new long[matcher.words()];
      matcher.scanWordsByCharacter(text, 0, cut, automaton);
      matcher.scanWordsByCharacter(text, resume, text.length(), automaton);
      assertThat(fast).as(text).isEqualTo(automaton);
    }
  }

  private static final String[] NOISE = {
    "<bob@example.com>",
    "bob@example.com",
    "[192.0.2.1]",
    "mx1.example.net",
    "5.1.1",
    "#5.7.1",
    "550",
    "550-5.1.1",
    "4D5B1A2B3C",
    "example.com",
    "-",
    "_",
    "+",
    "%",
    ".",
    "...",
    "s",
    "ss",
    "es",
    "ses",
    "sses",
    "x",
    "é",
    "ü@example.com",
    "日本",
    "ｕｓｅｒ"
  };

  private static final String[] SEPARATORS = {
    " ", " ", " ", "  ", ", ", ": ", "; ", ".", "-", "_", "\r\n ", "\n\t", "\"", "'", "(", ")", "/",
    "=", "<", ">", "[", "]", "@", ""
  };

  private static final String[] ENDINGS = {"s", "es", "S", "ed", "ing", "ion", "sses", "ss", "1"};

  /** Words from the phrases, bent and joined with noise; one in ten texts leaves ASCII. */
  private static String randomText(SplittableRandom random, List<String> words) {
    StringBuilder b = new StringBuilder();
    int count = 1 + random.nextInt(14);
    boolean ascii = random.nextInt(10) > 0;
    for (int i = 0; i < count; i++) {
      String w;
      int kind = random.nextInt(10);
      if (kind < 7) {
        w = words.get(random.nextInt(words.size()));
      } else {
        w = NOISE[random.nextInt(NOISE.length)];
      }
      if (random.nextInt(4) == 0) {
        w = w + ENDINGS[random.nextInt(ENDINGS.length)];
      }
      switch (random.nextInt(5)) {
        case 0 -> w = w.toUpperCase(Locale.ROOT);
        case 1 -> w = w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
        default -> {}
      }
      if (random.nextInt(8) == 0 && w.length() > 2) {
        int at = 1 + random.nextInt(w.length() - 1); // a word cut in two
        w = w.substring(0, at) + SEPARATORS[random.nextInt(SEPARATORS.length)] + w.substring(at);
      }
      b.append(w).append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }
    String text = b.toString();
    if (ascii) {
      StringBuilder only = new StringBuilder(text.length());
      text.chars().filter(c -> c < 128).forEach(c -> only.append((char) c));
      text = only.toString();
    }
    return text;
  }

  /** The words of the rule book's phrases, the stuff random texts are made of. */
  private static List<String> phraseWords() {
    List<String> words = new ArrayList<>();
    for (String p : phrases) {
      words.addAll(Arrays.asList(PhraseMatcher.normalizeWords(p).strip().split(" ")));
    }
    return words;
  }

  private static void assertSameAsReferences(String text) {
    long[] fast = new long[matcher.words()];
    matcher.scan(text, 0, text.length(), fast);
    long[] automaton = new long[matcher.words()];
    matcher.scanWordsByCharacter(text, 0, text.length(), automaton);
    assertThat(fast).as(text).isEqualTo(automaton);
    if (text.chars().allMatch(c -> c < 128)) {
      assertThat(fast).as("plain reading of " + text).isEqualTo(plainReading(text));
    }
  }

  /**
   * The rules.txt header read literally for an ASCII text: runs of letters, digits and {@code
   * .-_+@%} holding an {@code @}, or a digit and a dot, are dropped; the rest is read as lower-case
   * words (a final {@code s} dropped unless after {@code s}; {@code -ses} read as {@code -s}); a
   * pattern occurs at each word where the words go on with it (its last word may continue).
   */
  private static long[] plainReading(String text) {
    StringBuilder kept = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int j = i;
      while (j < text.length() && isAddressChar(text.charAt(j))) {
        j++;
      }
      if (j > i) {
        String token = text.substring(i, j);
        boolean skipped =
            token.contains("@")
                || token.contains(".") && token.chars().anyMatch(Character::isDigit);
        kept.append(skipped ? " " : token);
        i = j;
      } else {
        kept.append(text.charAt(i++));
      }
    }
    StringBuilder stream = new StringBuilder();
    for (String word : kept.toString().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (word.endsWith("ses")) {
        word = word.substring(0, word.length() - 2);
      } else if (word.length() >= 2 && word.endsWith("s") && !word.endsWith("ss")) {
        word = word.substring(0, word.length() - 1);
      }
      stream.append(' ').append(word);
    }
    long[] hits = new long[recorder.words()];
    for (int id = 0; id < patterns.size(); id++) {
      String pattern = patterns.get(id);
      for (int at = stream.indexOf(pattern); at >= 0; at = stream.indexOf(pattern, at + 1)) {
        recorder.found(id, hits);
      }
    }
    recorder.settle(hits);
    return hits;
  }

  private static boolean isAddressChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || ".-_+@%".indexOf(c) >= 0);
  }
}
