package dev.chaos.format;

import dev.chaos.diag.Diagnostic;
import java.util.List;

/**
 * What formatting a file gave: its formatted text, or, when the file has syntax errors (which
 * leave its layout undecidable), the original text and the errors that stopped it.
 *
 * @param text the formatted text; the original text when {@link #formatted()} is false
 * @param changed whether {@code text} differs from the file's text
 * @param diagnostics the errors that kept the file from being formatted; empty when formatted
 */
public record FormatResult(String text, boolean changed, List<Diagnostic> diagnostics) {
  public FormatResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean formatted() {
    return diagnostics.isEmpty();
  }
}
