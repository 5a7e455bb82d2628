package dev.chaos.lsp;

import dev.chaos.source.LineMap;
import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Offsets of a text to LSP positions and back. LSP lines are 0-based and its characters count
 * UTF-16 units, as Java strings do, so a column is an offset from the line's start; a line ends
 * at `\n`, `\r\n` or `\r`, as {@link LineMap} reads them.
 */
final class Positions {
  private Positions() {}

  static Position position(SourceFile file, int offset) {
    LineMap lines = file.lines();
    int clamped = Math.max(0, Math.min(offset, file.text().length()));
    return new Position(lines.line(clamped) - 1, lines.column(clamped) - 1);
  }

  static Range range(Span span) {
    return new Range(position(span.source(), span.start()), position(span.source(), span.end()));
  }

  /**
   * The offset of a position; a character past the end of its line is the line's end and a
   * line past the last is the end of the text (clients send such positions at the end of input).
   */
  static int offset(SourceFile file, Position position) {
    return offset(file.text(), file.lines(), position);
  }

  static int offset(String text, LineMap lines, Position position) {
    int line = position.getLine();
    if (line < 0) {
      return 0;
    }
    if (line >= lines.lineCount()) {
      return text.length();
    }
    int start = lines.lineStart(line + 1);
    int end = lines.lineEnd(text, line + 1);
    return Math.min(start + Math.max(0, position.getCharacter()), end);
  }
}
