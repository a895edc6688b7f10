package io.github.smtpreply.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How word mode records what it found in a {@code long[] hits}: a bit per phrase id, then one
 * counter per phrase that a negative context can hide (its occurrences minus those of the contexts
 * holding it). Patterns are the phrases, then the negative contexts. Immutable; shared by the two
 * scans of word mode so that both count alike.
 */
final class PatternHits {
  private final int phraseCount;
  private final int bitWords;

  /** For each phrase id, its counter slot after the bit words, or -1 if never hidden. */
  private final int[] counterSlot;

  /** For each negative context (pattern ids after the phrases), the counter slots it decrements. */
  private final int[][] hiddenSlots;

  /** The phrase id of each counter slot. */
  private final int[] phraseOfSlot;

  /**
   * @param phrases normalised phrases (see {@link PhraseMatcher#normalizeWords})
   * @param negatives normalised negative contexts
   */
  PatternHits(List<String> phrases, List<String> negatives) {
    this.phraseCount = phrases.size();
    this.bitWords = (phraseCount + 63) >>> 6;
    // Which phrases each negative context hides: those found inside it, word-aligned.
    this.counterSlot = new int[phraseCount];
    Arrays.fill(counterSlot, -1);
    this.hiddenSlots = new int[negatives.size()][];
    int slots = 0;
    for (int n = 0; n < negatives.size(); n++) {
      String context = " " + negatives.get(n).strip() + " ";
      List<Integer> hidden = new ArrayList<>();
      for (int id = 0; id < phraseCount; id++) {
        String p = phrases.get(id).startsWith(" ") ? phrases.get(id) : " " + phrases.get(id);
        if (context.contains(p)) {
          if (counterSlot[id] < 0) {
            counterSlot[id] = slots++;
          }
          hidden.add(counterSlot[id]);
        }
      }
      hiddenSlots[n] = hidden.stream().mapToInt(Integer::intValue).toArray();
    }
    this.phraseOfSlot = new int[slots];
    for (int id = 0; id < phraseCount; id++) {
      if (counterSlot[id] >= 0) {
        phraseOfSlot[counterSlot[id]] = id;
      }
    }
  }

  /** Longs {@code hits} needs. */
  int words() {
    return bitWords + phraseOfSlot.length;
  }

  /** Records one occurrence of pattern {@code id} (a phrase, or a negative context after them). */
  void found(int id, long[] hits) {
    if (id < phraseCount) {
      hits[id >>> 6] |= 1L << id;
      int slot = counterSlot[id];
      if (slot >= 0) {
        hits[bitWords + slot]++;
      }
    } else {
      for (int slot : hiddenSlots[id - phraseCount]) {
        hits[bitWords + slot]--;
      }
    }
  }

  /** At the end of a scan: a phrase found only inside negative contexts does not count. */
  void settle(long[] hits) {
    for (int slot = 0; slot < phraseOfSlot.length; slot++) {
      if (hits[bitWords + slot] <= 0) {
        int id = phraseOfSlot[slot];
        hits[id >>> 6] &= ~(1L << id);
      }
    }
  }
}
