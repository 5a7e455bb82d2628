package dev.chaos.diag;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance, as Starlark's SpellChecker. */
public final class Suggest {
  private Suggest() {}

  /** The closest candidate within a distance that grows with the word's length, if any. */
  public static Optional<String> closest(String word, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.max(1, (word.length() + 2) / 3);
    Rows rows = new Rows();
    for (String c : candidates) {
      if (c.equals(word) || c.isEmpty()) {
        continue;
      }
      int d = distance(word, c, limit, rows);
      if (d <= limit && (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0))) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Optimal string alignment distance (a swap of neighbours counts one), capped above limit. */
  static int distance(String a, String b, int limit) {
    return distance(a, b, limit, new Rows());
  }

  /** The three rows of the table a distance needs, kept from one candidate to the next. */
  private static final class Rows {
    int[] twoBack = new int[0];
    int[] back = new int[0];
    int[] row = new int[0];

    void fit(int length) {
      if (row.length < length) {
        twoBack = new int[length];
        back = new int[length];
        row = new int[length];
      }
    }

    void turn() {
      int[] oldest = twoBack;
      twoBack = back;
      back = row;
      row = oldest;
    }
  }

  /**
   * Only the cells within {@code limit} of the diagonal are computed (the others are over the
   * limit anyway), on three rows, and a row all over the limit ends it: every unknown name of a
   * file is compared with every name in scope, so a full table allocated per pair made a file
   * of 4,000 misspelled uses of 4,000 names take 10 s and allocate 12 GB (bench/fuzz.sh).
   */
  private static int distance(String a, String b, int limit, Rows rows) {
    int over = limit + 1;
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > limit) {
      return over;
    }
    rows.fit(m + 2);
    int[] row = rows.row;
    for (int j = 0; j <= Math.min(m, limit); j++) {
      row[j] = j;
    }
    if (limit + 1 <= m) {
      row[limit + 1] = over;
    }
    for (int i = 1; i <= n; i++) {
      rows.turn();
      int[] twoBack = rows.twoBack;
      int[] back = rows.back;
      row = rows.row;
      int lo = Math.max(1, i - limit);
      int hi = Math.min(m, i + limit);
      row[lo - 1] = lo == 1 && i <= limit ? i : over;
      int rowMin = row[lo - 1];
      char ai = a.charAt(i - 1);
      for (int j = lo; j <= hi; j++) {
        char bj = b.charAt(j - 1);
        int cost = Character.toLowerCase(ai) == Character.toLowerCase(bj) ? 0 : 1;
        int d = Math.min(Math.min(back[j] + 1, row[j - 1] + 1), back[j - 1] + cost);
        if (i > 1 && j > 1 && ai == b.charAt(j - 2) && a.charAt(i - 2) == bj) {
          d = Math.min(d, twoBack[j - 2] + 1);
        }
        row[j] = Math.min(d, over);
        rowMin = Math.min(rowMin, row[j]);
      }
      if (hi + 1 <= m) {
        row[hi + 1] = over;
      }
      if (rowMin > limit) {
        return over;
      }
    }
    return Math.min(row[m], over);
  }
}
