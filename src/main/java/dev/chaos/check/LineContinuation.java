package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Expr;

/**
 * CH0604: statements need no separator, so a line that starts with `(`, `[` or a binary
 * operator continues the expression of the line before (`let a = f()` then `(x)` is the call
 * `f()(x)`). Inside brackets the continuation is plainly meant and is not reported.
 */
final class LineContinuation {
  private final Reporter reporter;

  LineContinuation(Reporter reporter) {
    this.reporter = reporter;
  }

  void scan(Expr e) {
    scan(e, false);
  }

  private void scan(Expr e, boolean nested) {
    switch (e.kind()) {
      case BINARY: {
        Expr.Binary b = (Expr.Binary) e;
        if (!nested && b.opSpan().startLine() > b.left().span().endLine()) {
          warn(b.opSpan(), b.op().symbol(), b.left().span().endLine(),
              "wrap the expression in parentheses, or end line " + b.left().span().endLine()
                  + " with `" + b.op().symbol() + "`");
        }
        scan(b.left(), nested);
        scan(b.right(), nested);
        return;
      }
      case CALL: {
        Expr.Call c = (Expr.Call) e;
        int paren = openParen(c);
        Span callee = c.callee().span();
        // a callee that is not a name is never callable: CH0208 says it, with this line's story
        boolean named = c.callee() instanceof Expr.Name || c.callee() instanceof Expr.Member;
        if (!nested && named && paren >= 0
            && callee.source().lines().line(paren) > callee.endLine()) {
          warn(new Span(callee.source(), paren, paren + 1), "(", callee.endLine(),
              "to call it, put `(` on line " + callee.endLine()
                  + "; a new statement cannot start with `(`");
        }
        scan(c.callee(), nested);
        for (Arg a : c.args()) {
          scan(a.value(), true);
        }
        return;
      }
      case INDEX: {
        Expr.Index ix = (Expr.Index) e;
        Span target = ix.target().span();
        int bracket = next(target.source().text(), target.end(), '[');
        if (!nested && bracket >= 0 && target.source().lines().line(bracket) > target.endLine()) {
          warn(new Span(target.source(), bracket, bracket + 1), "[", target.endLine(),
              "to index, put `[` on line " + target.endLine()
                  + "; a new statement cannot start with a list");
        }
        scan(ix.target(), nested);
        scan(ix.index(), true);
        return;
      }
      case MEMBER:
        scan(((Expr.Member) e).target(), nested);
        return;
      case UNARY:
        scan(((Expr.Unary) e).operand(), nested);
        return;
      case PAREN:
        scan(((Expr.Paren) e).inner(), true);
        return;
      case LIST:
        ((Expr.ListLit) e).elements().forEach(x -> scan(x, true));
        return;
      case RECORD:
        ((Expr.RecordLit) e).fields().forEach(f -> scan(f.value(), true));
        return;
      case STR:
        for (Expr.StrPart p : ((Expr.Str) e).parts()) {
          if (p instanceof Expr.StrPart.Interp i) {
            scan(i.expr(), true);
          }
        }
        return;
      default:
        return;
    }
  }

  private void warn(Span at, String token, int previousLine, String help) {
    reporter.report(Code.CH0604, at, "this line continues the previous one",
        "`" + token + "` continues the expression on line " + previousLine, help);
  }

  /** Offset of the `(` that opens a call's arguments, or -1 when it cannot be found. */
  static int openParen(Expr.Call call) {
    Span callee = call.callee().span();
    return next(callee.source().text(), callee.end(), '(');
  }

  /** Offset of {@code wanted} after {@code from}, skipping blanks and comments; else -1. */
  private static int next(String text, int from, char wanted) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int eol = text.indexOf('\n', i);
        i = eol < 0 ? text.length() : eol;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? text.length() : close + 2;
      } else {
        return c == wanted ? i : -1;
      }
    }
    return -1;
  }
}
