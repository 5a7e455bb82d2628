package dev.chaos.syntax;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a string as they are read: adjacent text is gathered in one buffer and becomes
 * one part when an interpolation or the end comes, so text and interpolations alternate. One
 * buffer, not one string grown per piece: a string of 200,000 escapes stays linear.
 */
final class StrPartsBuilder {
  private final List<Expr.StrPart> parts = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private Span textSpan;

  void text(String piece, Span span) {
    text.append(piece);
    textSpan = textSpan == null ? span : textSpan.to(span);
  }

  void interp(Expr.StrPart.Interp interp) {
    flush();
    parts.add(interp);
  }

  List<Expr.StrPart> build() {
    flush();
    return parts;
  }

  private void flush() {
    if (textSpan != null) {
      parts.add(new Expr.StrPart.Text(textSpan, text.toString()));
      text.setLength(0);
      textSpan = null;
    }
  }
}
