package dev.chaos.lsp;

import dev.chaos.check.CheckedProgram;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.SourceFile;
import java.util.List;

/**
 * One document checked at one version: its text, the checked program with its side tables (what
 * hover, completion and definitions read), and the diagnostics in this document, exactly those
 * `chaos check` reports for it, in its order.
 */
record Analysis(String uri, int version, SourceFile source, CheckedProgram program,
    List<Diagnostic> diagnostics) {
  Analysis {
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether the parser found a syntax error (formatting leaves such a file alone). */
  boolean hasSyntaxErrors() {
    return diagnostics.stream().anyMatch(d -> d.isError() && d.code().name().startsWith("CH00"));
  }
}
