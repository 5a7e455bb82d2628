package dev.chaos.source;

import java.util.Arrays;

/** Maps character offsets to 1-based lines and columns (columns count UTF-16 units, as SARIF does). */
public final class LineMap {
  private final int[] lineStarts;
  private final int length;

  private LineMap(int[] lineStarts, int length) {
    this.lineStarts = lineStarts;
    this.length = length;
  }

  public static LineMap of(String text) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if (c == '\n' || (c == '\r' && !crlf)) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return new LineMap(Arrays.copyOf(starts, count), text.length());
  }

  /** 1-based line of the offset; offsets past the end land on the last line. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, length)));
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 1-based column of the offset. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, length));
    return clamped - lineStarts[line(clamped) - 1] + 1;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** Offset of the first character of a 1-based line. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Offset just past the last character of a 1-based line, excluding the line break. */
  public int lineEnd(String text, int line) {
    int end = line < lineStarts.length ? lineStarts[line] : length;
    while (end > lineStarts[line - 1] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return end;
  }
}
