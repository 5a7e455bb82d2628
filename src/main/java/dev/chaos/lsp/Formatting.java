package dev.chaos.lsp;

import java.util.List;
import org.eclipse.lsp4j.TextEdit;

/**
 * `textDocument/formatting` through `chaos fmt`'s formatter. Until the formatter exists the
 * server does not advertise formatting and answers no edits.
 */
final class Formatting {
  private Formatting() {}

  static boolean available() {
    return false;
  }

  static List<TextEdit> edits(Analysis analysis) {
    return List.of();
  }
}
