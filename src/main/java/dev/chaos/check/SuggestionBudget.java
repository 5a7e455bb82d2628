package dev.chaos.check;

/**
 * How many names a file may compare for "did you mean" among the names in scope. Each unknown
 * name is compared with every visible name, so a file of many misspellings among many names
 * cost the square of its size (4,000 misspelled uses of 4,000 lets: 6 s, bench/fuzz.sh); once
 * the budget is spent, unknown names are still reported, without a suggestion. A budget of
 * names compared, not of suggestions, so that no hand-written file comes near it.
 */
final class SuggestionBudget {
  /** Names compared in one file: under 0.1 s of edit distances. */
  static final long COMPARISONS = 250_000;

  private long left = COMPARISONS;

  /**
   * Spends one comparison for each of {@code candidates}; false, spending nothing, when the
   * file has not that many left.
   */
  boolean spend(Iterable<String> candidates) {
    long count = 0;
    for (String ignored : candidates) {
      if (++count > left) {
        return false;
      }
    }
    left -= count;
    return true;
  }

  long left() {
    return left;
  }
}
