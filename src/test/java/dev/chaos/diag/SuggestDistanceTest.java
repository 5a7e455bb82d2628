package dev.chaos.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The distance of "did you mean" computes only a band of its table on three rows: it must give
 * what the full table gives whenever that is within the limit, and more than the limit
 * otherwise. Seeded; replay with `-Dchaos.suggest.seed=SEED`.
 */
class SuggestDistanceTest {
  /** The full table, as the distance was computed before. */
  private static int fullTable(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = Character.toLowerCase(a.charAt(i - 1))
            == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String word(Random random, String base) {
    StringBuilder b = new StringBuilder(base);
    for (int edits = random.nextInt(6); edits > 0; edits--) {
      int at = b.length() == 0 ? 0 : random.nextInt(b.length());
      char c = "abcAB_1".charAt(random.nextInt(7));
      switch (random.nextInt(4)) {
        case 0 -> b.insert(at, c);
        case 1 -> { if (b.length() > 0) b.deleteCharAt(at); }
        case 2 -> { if (b.length() > 0) b.setCharAt(at, c); }
        default -> {
          if (at + 1 < b.length()) {
            char x = b.charAt(at);
            b.setCharAt(at, b.charAt(at + 1));
            b.setCharAt(at + 1, x);
          }
        }
      }
    }
    return b.toString();
  }

  @Test
  void theBandedDistanceIsTheFullTablesWithinTheLimit() {
    long seed = Long.getLong("chaos.suggest.seed", new Random().nextLong());
    System.out.println("SuggestDistanceTest seed " + seed);
    Random random = new Random(seed);
    for (int n = 0; n < 30_000; n++) {
      String base = word(random, "ab".repeat(random.nextInt(6)) + "c_A");
      String a = word(random, base);
      String b = word(random, base);
      int limit = random.nextInt(7);
      int full = fullTable(a, b);
      int banded = Suggest.distance(a, b, limit);
      if (full <= limit) {
        assertThat(banded).as("seed %d: `%s` `%s` limit %d", seed, a, b, limit).isEqualTo(full);
      } else {
        assertThat(banded).as("seed %d: `%s` `%s` limit %d", seed, a, b, limit)
            .isGreaterThan(limit);
      }
    }
  }

  /** Rows are kept from one candidate to the next: a long one must not leak into a short one. */
  @Test
  void theClosestCandidateIsTheFullTablesClosest() {
    long seed = Long.getLong("chaos.suggest.seed", new Random().nextLong());
    System.out.println("SuggestDistanceTest seed " + seed);
    Random random = new Random(seed);
    for (int n = 0; n < 3_000; n++) {
      String base = word(random, "ab".repeat(random.nextInt(6)) + "c_A");
      String word = word(random, base);
      List<String> candidates = new ArrayList<>();
      for (int c = random.nextInt(12); c > 0; c--) {
        candidates.add(word(random, random.nextBoolean() ? base : base.repeat(3)));
      }
      int limit = Math.max(1, (word.length() + 2) / 3);
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String c : candidates) {
        int d = fullTable(word, c);
        if (!c.equals(word) && !c.isEmpty() && d <= limit
            && (d < bestDistance || d == bestDistance && c.compareTo(best) < 0)) {
          best = c;
          bestDistance = d;
        }
      }
      assertThat(Suggest.closest(word, candidates).orElse(null))
          .as("seed %d: `%s` among %s", seed, word, candidates).isEqualTo(best);
    }
  }
}
