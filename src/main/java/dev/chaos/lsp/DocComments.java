package dev.chaos.lsp;

import dev.chaos.source.LineMap;
import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The documentation of a declaration: the `//` comment lines just above it, with no blank line
 * between (as Go and Rust read doc comments). The markers and one space after them are removed.
 */
final class DocComments {
  private DocComments() {}

  static String above(Span declaration) {
    SourceFile file = declaration.source();
    LineMap lines = file.lines();
    List<String> doc = new ArrayList<>();
    for (int line = declaration.startLine() - 1; line >= 1; line--) {
      String text = file.text().substring(lines.lineStart(line), lines.lineEnd(file.text(), line))
          .strip();
      if (!text.startsWith("//")) {
        break;
      }
      String body = text.substring(2);
      doc.add(body.startsWith(" ") ? body.substring(1) : body);
    }
    Collections.reverse(doc);
    return String.join("\n", doc).strip();
  }
}
