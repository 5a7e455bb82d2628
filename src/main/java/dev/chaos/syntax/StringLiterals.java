package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosParser.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Label;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.tree.ParseTree;

/** Builds strings and text blocks: escapes decoded, interpolations parsed, indentation stripped. */
final class StringLiterals {
  private final Spans spans;
  private final List<Diagnostic> out;
  private final ExprBuilder exprs;

  StringLiterals(Spans spans, List<Diagnostic> out, ExprBuilder exprs) {
    this.spans = spans;
    this.out = out;
    this.exprs = exprs;
  }

  Expr.Str string(StringContext ctx) {
    if (ctx instanceof TextBlockContext) {
      return textBlock((TextBlockContext) ctx);
    }
    StrPartsBuilder parts = new StrPartsBuilder();
    for (ParseTree child : ctx.children == null ? List.<ParseTree>of() : ctx.children) {
      if (child instanceof StringTextContext) {
        StringTextContext text = (StringTextContext) child;
        parts.text(text.getText(), spans.of(text));
      } else if (child instanceof StringEscapeContext) {
        StringEscapeContext escape = (StringEscapeContext) child;
        String decoded = Literals.escape(escape.getText());
        // An unknown escape is already reported; keep it as written.
        parts.text(decoded == null ? escape.getText() : decoded, spans.of(escape));
      } else if (child instanceof StringInterpolationContext) {
        parts.interp(interpolation(((StringInterpolationContext) child).interpolation()));
      }
    }
    return new Expr.Str(quotedSpan(ctx), parts.build(), false);
  }

  /** A string closed by a line break (already reported) ends before the break. */
  private Span quotedSpan(StringContext ctx) {
    Span span = spans.of(ctx);
    org.antlr.v4.runtime.Token close = ctx.getStop();
    if (close != null && close.getType() == STR_CLOSE && !"\"".equals(close.getText())
        && close.getTokenIndex() > ctx.getStart().getTokenIndex()) {
      return new Span(span.source(), span.start(), Math.max(span.start(), spans.start(close)));
    }
    return span;
  }

  private Expr.Str textBlock(TextBlockContext ctx) {
    List<TextBlocks.Piece> pieces = new ArrayList<>();
    for (ParseTree child : ctx.children == null ? List.<ParseTree>of() : ctx.children) {
      if (child instanceof TextCharsContext) {
        TextCharsContext text = (TextCharsContext) child;
        pieces.add(TextBlocks.Piece.text(text.getText(), spans.of(text)));
      } else if (child instanceof TextDollarEscapeContext) {
        pieces.add(TextBlocks.Piece.text("${", spans.of((TextDollarEscapeContext) child)));
      } else if (child instanceof TextInterpolationContext) {
        pieces.add(TextBlocks.Piece.interp(interpolation(((TextInterpolationContext) child).interpolation())));
      }
    }
    return new Expr.Str(spans.of(ctx), TextBlocks.strip(pieces), true);
  }

  private Expr.StrPart.Interp interpolation(InterpolationContext ctx) {
    Span span = spans.of(ctx);
    return new Expr.StrPart.Interp(span, exprs.expr(ctx.expr(), spans.after(ctx.getStart())));
  }

  /** The name of a runbook, section or import: a plain string, quotes included in the span. */
  Label label(StringContext ctx, Span missingAt) {
    if (ctx == null) {
      return new Label(missingAt, "");
    }
    Expr.Str str = string(ctx);
    String text = str.constant();
    if (text == null) {
      out.add(Diagnostic.of(Code.CH0010, str.span(), "a name cannot contain `${...}`")
          .withLabel("interpolation in a name")
          .withHelp("write the name as a plain string"));
      return new Label(str.span(), rawText(str));
    }
    return new Label(str.span(), text);
  }

  private static String rawText(Expr.Str str) {
    String written = str.span().text();
    int quotes = str.textBlock() ? 3 : 1;
    return written.length() >= 2 * quotes ? written.substring(quotes, written.length() - quotes) : written;
  }
}
