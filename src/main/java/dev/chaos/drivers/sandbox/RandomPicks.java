package dev.chaos.drivers.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Picks {@code count} items at random without repeats, in the order and with the draws of
 * "remove the item at {@code random.nextInt(size)} from the list" (so a seeded world kills the
 * same pods as before), but in O(n log n) instead of O(n^2): a Fenwick tree counts the items
 * still in place and finds the k-th of them.
 */
final class RandomPicks {
  private RandomPicks() {}

  static <T> List<T> pick(List<T> items, int count, Random random) {
    int n = items.size();
    int[] tree = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      tree[i] += 1;
      int parent = i + (i & -i);
      if (parent <= n) {
        tree[parent] += tree[i];
      }
    }
    int highBit = Integer.highestOneBit(Math.max(1, n));
    List<T> out = new ArrayList<>();
    for (int left = n; out.size() < count && left > 0; left--) {
      int k = random.nextInt(left) + 1; // the k-th item still in place, 1-based
      int at = 0;
      for (int step = highBit; step > 0; step >>= 1) {
        int next = at + step;
        if (next <= n && tree[next] < k) {
          at = next;
          k -= tree[next];
        }
      }
      int index = at + 1;
      out.add(items.get(index - 1));
      for (int i = index; i <= n; i += i & -i) {
        tree[i]--;
      }
    }
    return out;
  }
}
