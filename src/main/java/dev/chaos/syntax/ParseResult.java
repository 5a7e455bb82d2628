package dev.chaos.syntax;

import dev.chaos.diag.Diagnostic;
import dev.chaos.syntax.ast.Program;
import java.util.List;

/** A parsed file: always a program (with error nodes where the input was broken) and every
 * lexical and syntax diagnostic, in source order. */
public record ParseResult(Program program, List<Diagnostic> diagnostics) {
  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
