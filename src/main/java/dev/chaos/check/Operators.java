package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Expr.BinaryOp;
import dev.chaos.types.Type;

/**
 * Types of unary and binary operators. Units are not numbers: a Duration or a Percent meets a
 * plain number only to be scaled by it. The arithmetic, where `n` is Int or Float:
 * <pre>
 *   n + - * n        Int when both are Int, else Float
 *   n / n            Float (division is exact: `killed / total` must not truncate to 0)
 *   D + - D -> D     D * n, n * D, D / n -> D     D / D -> Float
 *   P + - P -> P     P * n, n * P, P / n -> P     P / P -> Float
 *   T - T -> D       T + D, D + T, T - D -> T     String + String -> String
 *   List[A] + List[A] -> List[A]
 * </pre>
 * Ordering compares two numbers, or two values of one of Duration, Percent, Time, TimeOfDay,
 * String. Equality needs types that fit one way or the other; records compare by value. Json
 * takes part in nothing but `==`/`!=` with Json: leaving it takes a conversion.
 */
final class Operators {
  private final Reporter reporter;
  private final Expectations expect;

  Operators(Reporter reporter, Expectations expect) {
    this.reporter = reporter;
    this.expect = expect;
  }

  Type unary(Expr.Unary u, Type operand) {
    if (operand.isError() || operand instanceof Type.Var) {
      return Type.ERROR;
    }
    if (u.op() == Expr.UnaryOp.NOT) {
      if (operand == Type.BOOL) {
        return Type.BOOL;
      }
      reporter.report(Code.CH0303, u.operand().span(),
          "`not` needs a `Bool`, found `" + operand.display() + "`",
          "this is " + Article.of(operand));
      return Type.ERROR;
    }
    if (operand.isNumeric() || operand == Type.DURATION || operand == Type.PERCENT) {
      return operand;
    }
    reporter.report(Code.CH0303, u.span(), "cannot negate " + Article.of(operand),
        "this is " + Article.of(operand));
    return Type.ERROR;
  }

  Type binary(Expr.Binary b, Type l, Type r) {
    if (l.isError() || r.isError() || l instanceof Type.Var || r instanceof Type.Var) {
      return b.op().isComparison() || b.op() == BinaryOp.AND || b.op() == BinaryOp.OR
          ? Type.BOOL : Type.ERROR;
    }
    BinaryOp op = b.op();
    if (l == Type.UNIT || r == Type.UNIT) {
      Expr none = l == Type.UNIT ? b.left() : b.right();
      expect.noValue(none, null);
      return op.isComparison() || op == BinaryOp.AND || op == BinaryOp.OR ? Type.BOOL : Type.ERROR;
    }
    if (op == BinaryOp.AND || op == BinaryOp.OR) {
      return logical(b, l, r);
    }
    if (op == BinaryOp.EQ || op == BinaryOp.NE) {
      boolean json = l == Type.JSON || r == Type.JSON;
      if (json ? l == r : Unify.assignable(l, r) || Unify.assignable(r, l)) {
        return Type.BOOL;
      }
      return mismatch(b, l, r, "cannot compare `" + l.display() + "` with `" + r.display() + "`");
    }
    Type result = op.isComparison() ? ordering(l, r) : arithmetic(op, l, r);
    if (result != null) {
      return result;
    }
    String message = switch (op) {
      case ADD -> "cannot add `" + r.display() + "` to `" + l.display() + "`";
      case SUB -> "cannot subtract `" + r.display() + "` from `" + l.display() + "`";
      case MUL -> "cannot multiply `" + l.display() + "` by `" + r.display() + "`";
      case DIV -> "cannot divide `" + l.display() + "` by `" + r.display() + "`";
      default -> "cannot compare `" + l.display() + "` with `" + r.display() + "`";
    };
    mismatch(b, l, r, message);
    return op.isComparison() ? Type.BOOL : Type.ERROR;
  }

  private Type logical(Expr.Binary b, Type l, Type r) {
    Expr bad = l != Type.BOOL ? b.left() : r != Type.BOOL ? b.right() : null;
    if (bad != null) {
      Type t = bad == b.left() ? l : r;
      reporter.report(Code.CH0303, bad.span(),
          "`" + b.op().symbol() + "` needs `Bool` operands, found `" + t.display() + "`",
          "this is " + Article.of(t),
          t == Type.JSON ? "convert it: `bool(" + UnitHelp.shown(bad) + ")`" : null);
    }
    return Type.BOOL;
  }

  private static Type ordering(Type l, Type r) {
    if (l.isNumeric() && r.isNumeric()) {
      return Type.BOOL;
    }
    boolean sameOrdered = l == r && (l == Type.DURATION || l == Type.PERCENT || l == Type.TIME
        || l == Type.TIME_OF_DAY || l == Type.STRING);
    return sameOrdered ? Type.BOOL : null;
  }

  private static Type arithmetic(BinaryOp op, Type l, Type r) {
    if (l.isNumeric() && r.isNumeric()) {
      return op == BinaryOp.DIV || l == Type.FLOAT || r == Type.FLOAT ? Type.FLOAT : Type.INT;
    }
    boolean unit = l == Type.DURATION || l == Type.PERCENT;
    switch (op) {
      case ADD:
        if (unit && l == r) {
          return l;
        }
        if (l == Type.TIME && r == Type.DURATION || l == Type.DURATION && r == Type.TIME) {
          return Type.TIME;
        }
        if (l == Type.STRING && r == Type.STRING) {
          return Type.STRING;
        }
        if (l instanceof Type.ListOf && r instanceof Type.ListOf) {
          return Unify.join(l, r);
        }
        return null;
      case SUB:
        if (unit && l == r) {
          return l;
        }
        if (l == Type.TIME && r == Type.TIME) {
          return Type.DURATION;
        }
        return l == Type.TIME && r == Type.DURATION ? Type.TIME : null;
      case MUL:
        if (unit && r.isNumeric()) {
          return l;
        }
        return (r == Type.DURATION || r == Type.PERCENT) && l.isNumeric() ? r : null;
      case DIV:
        if (unit && r.isNumeric()) {
          return l;
        }
        return unit && l == r ? Type.FLOAT : null;
      default:
        return null;
    }
  }

  /**
   * One diagnostic for operands that do not go together: a unit meeting a plain number or the
   * other unit is CH0302 at the operand to rewrite, with its literal fix; Json is CH0301 with
   * its conversion; anything else is CH0303 at the operator.
   */
  private Type mismatch(Expr.Binary b, Type l, Type r, String message) {
    boolean lUnit = l == Type.DURATION || l == Type.PERCENT;
    boolean rUnit = r == Type.DURATION || r == Type.PERCENT;
    boolean scaling = b.op() == BinaryOp.MUL || b.op() == BinaryOp.DIV;
    boolean shift = (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && (l == Type.TIME && r.isNumeric() || r == Type.TIME && l.isNumeric());
    if (!scaling && (lUnit && r.isNumeric() || rUnit && l.isNumeric()) || shift) {
      // a plain number meets a unit: it wants the unit written (a Time moves by a Duration)
      Expr number = l.isNumeric() ? b.left() : b.right();
      Type unit = shift ? Type.DURATION : lUnit ? l : r;
      reporter.report(Code.CH0302, number.span(), message,
          "expected " + Article.of(unit), UnitHelp.withUnit(number, unit));
    } else if (!scaling && UnitHelp.isOtherUnit(l, r)) {
      // a Duration meets a Percent: the side written as a literal is the likelier slip
      boolean blameLeft = UnitHelp.isUnitLiteral(b.left()) && !UnitHelp.isUnitLiteral(b.right());
      Expr wrong = blameLeft ? b.left() : b.right();
      Type wanted = blameLeft ? r : l;
      reporter.report(Code.CH0302, wrong.span(), message, "expected " + Article.of(wanted),
          UnitHelp.otherUnit(wrong, wanted));
    } else if ((l == Type.JSON) != (r == Type.JSON)) {
      Expr json = l == Type.JSON ? b.left() : b.right();
      Type other = l == Type.JSON ? r : l;
      expect.report(json, Type.JSON, other, "leaving `Json` takes a conversion");
    } else {
      reporter.report(Code.CH0303, b.opSpan(), message,
          "`" + l.display() + "` " + b.op().symbol() + " `" + r.display() + "`",
          UnitHelp.fromString(l == Type.STRING ? b.left() : b.right(),
              l == Type.STRING ? r : l));
    }
    return b.op().isComparison() ? Type.BOOL : Type.ERROR;
  }
}
