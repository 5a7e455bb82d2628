package dev.chaos.format;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines (`chaos fmt --diff`), with three lines of context. */
public final class LineDiff {
  private static final int CONTEXT = 3;
  /** Beyond this many line pairs the diff is one hunk: the whole file replaced. */
  private static final long LIMIT = 16_000_000L;

  private LineDiff() {}

  public static String unified(String path, String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    List<int[]> ops = edits(a, b); // {kind, aIndex, bIndex}: 0 same, 1 delete, 2 insert
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(path).append('\n').append("+++ ").append(path).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i)[0] == 0) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int sameRun = 0;
      for (int j = i; j < ops.size(); j++) {
        if (ops.get(j)[0] == 0) {
          if (++sameRun > 2 * CONTEXT) {
            break;
          }
        } else {
          sameRun = 0;
          end = j;
        }
      }
      end = Math.min(ops.size() - 1, end + CONTEXT);
      int aStart = -1;
      int bStart = -1;
      int aCount = 0;
      int bCount = 0;
      StringBuilder body = new StringBuilder();
      for (int j = start; j <= end; j++) {
        int[] op = ops.get(j);
        if (op[0] != 2 && aStart < 0) {
          aStart = op[1];
        }
        if (op[0] != 1 && bStart < 0) {
          bStart = op[2];
        }
        switch (op[0]) {
          case 0 -> {
            body.append(' ').append(a.get(op[1])).append('\n');
            aCount++;
            bCount++;
          }
          case 1 -> {
            body.append('-').append(a.get(op[1])).append('\n');
            aCount++;
          }
          default -> {
            body.append('+').append(b.get(op[2])).append('\n');
            bCount++;
          }
        }
      }
      out.append("@@ -").append(aStart < 0 ? 0 : aStart + 1).append(',').append(aCount)
          .append(" +").append(bStart < 0 ? 0 : bStart + 1).append(',').append(bCount)
          .append(" @@\n").append(body);
      i = end + 1;
    }
    return out.toString();
  }

  /** The edit script of a longest common subsequence of lines. */
  private static List<int[]> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    List<int[]> ops = new ArrayList<>();
    if ((long) n * m > LIMIT) {
      for (int i = 0; i < n; i++) {
        ops.add(new int[] {1, i, 0});
      }
      for (int j = 0; j < m; j++) {
        ops.add(new int[] {2, n, j});
      }
      return ops;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(new int[] {0, i++, j++});
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        ops.add(new int[] {2, i, j++});
      } else {
        ops.add(new int[] {1, i++, j});
      }
    }
    return ops;
  }
}
