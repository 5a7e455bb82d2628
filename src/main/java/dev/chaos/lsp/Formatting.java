package dev.chaos.lsp;

import dev.chaos.format.FormatResult;
import dev.chaos.format.Formatter;
import dev.chaos.source.SourceFile;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * `textDocument/formatting`: `chaos fmt`'s layout of the whole document as one edit. A file
 * with syntax errors is left alone (no edit), as `chaos fmt` leaves it; so is a file already
 * formatted.
 */
final class Formatting {
  private Formatting() {}

  static boolean available() {
    return true;
  }

  static List<TextEdit> edits(Analysis analysis) {
    SourceFile source = analysis.source();
    FormatResult result = Formatter.format(source);
    if (!result.formatted() || !result.changed()) {
      return List.of();
    }
    Range whole = new Range(new Position(0, 0), Positions.position(source, source.text().length()));
    return List.of(new TextEdit(whole, result.text()));
  }
}
