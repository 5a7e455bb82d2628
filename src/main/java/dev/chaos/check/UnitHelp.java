package dev.chaos.check;

import dev.chaos.spi.DriverRegistry;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.types.Type;
import dev.chaos.units.DurationPart;
import dev.chaos.units.Durations;
import dev.chaos.units.PercentSyntax;
import dev.chaos.units.Percentages;
import dev.chaos.units.UnitException;
import java.util.List;

/**
 * The fixes proposed when a value has the wrong unit or needs a conversion: `500` where a
 * Duration is expected becomes `500ms`, `"5s"` becomes `5s`, a Json value becomes `int(x)`.
 */
final class UnitHelp {
  private static final int MAX_SHOWN = 40;

  private UnitHelp() {}

  /** Whether a value of {@code actual} is a plain number where a unit was wanted. */
  static boolean isUnitMismatch(Type actual, Type expected) {
    return actual.isNumeric() && (expected == Type.DURATION || expected == Type.PERCENT);
  }

  /** A Duration and a Percent. */
  static boolean isOtherUnit(Type a, Type b) {
    return a == Type.DURATION && b == Type.PERCENT || a == Type.PERCENT && b == Type.DURATION;
  }

  /** A Duration or Percent literal (`5s`, `30%`), in parentheses or not. */
  static boolean isUnitLiteral(Expr e) {
    Expr inner = unwrap(e);
    return inner instanceof Expr.DurationLit || inner instanceof Expr.PercentLit;
  }

  /**
   * The help for a Duration literal where a Percent is wanted or the other way round: one with a
   * single unit keeps its number (`5s` -> `5%`; `5%` -> `5s`, or `500ms` from 100 up, as numbers
   * do); null for a computed value.
   */
  static String otherUnit(Expr e, Type wanted) {
    if (!isUnitLiteral(e)) {
      return null; // a computed value: no spelling to correct
    }
    String number = singleNumber(unwrap(e).span().text());
    if (wanted == Type.PERCENT) {
      return "a `Percent` needs `%`" + (number != null ? ": `" + number + "%`" : ", e.g. `5%`");
    }
    if (number == null) {
      return "a `Duration` needs a time unit, e.g. `500ms` or `5s`";
    }
    // compared as written: the number may be too large for a long (it is reported as such)
    boolean millis = !number.contains(".")
        && new java.math.BigDecimal(number).compareTo(java.math.BigDecimal.valueOf(100)) >= 0;
    return "a `Duration` needs a time unit: `" + number + (millis ? "ms" : "s") + "`";
  }

  /**
   * The help for a plain number used as a Duration or a Percent. A literal gets its unit: whole
   * numbers of 100 and more read as milliseconds (latencies: `500` -> `500ms`), smaller ones and
   * fractions as seconds (`5` -> `5s`); a percentage keeps its number (`5` -> `5%`). Any other
   * expression gets the conversion function.
   */
  static String withUnit(Expr numeric, Type expected) {
    String literal = numberText(numeric);
    if (expected == Type.PERCENT) {
      return literal != null
          ? "write the number with its unit: `" + literal + "%`"
          : "convert a fraction with `percent(" + shown(numeric) + ")` (`percent(0.004)` is `0.4%`)";
    }
    if (literal != null) {
      boolean millis = unwrap(numeric) instanceof Expr.IntLit i && Math.abs(i.value()) >= 100;
      return "write the number with its unit: `" + literal + (millis ? "ms" : "s") + "`";
    }
    return "convert seconds with `seconds(" + shown(numeric) + ")`";
  }

  /** For a string constant that spells a duration or percentage where one is expected. */
  static String fromString(Expr actual, Type expected) {
    if (!(unwrap(actual) instanceof Expr.Str s) || s.constant() == null) {
      return null;
    }
    String text = s.constant().trim();
    if (expected == Type.DURATION && Durations.isDuration(text)) {
      return "write it as a duration literal: `" + text + "`";
    }
    if (expected == Type.PERCENT && isPercent(text)) {
      return "write it as a percentage: `" + text + "`";
    }
    return null;
  }

  /** The number of a literal with one unit: `5` of `5s` and of `5%`; null for `1m30s`. */
  private static String singleNumber(String literal) {
    if (isPercent(literal)) {
      return literal.substring(0, literal.length() - 1);
    }
    try {
      List<DurationPart> parts = Durations.parts(literal);
      return parts.size() == 1 ? parts.get(0).number() : null;
    } catch (UnitException e) {
      return null;
    }
  }

  /** Whether a text is a percentage literal, as the lexer and every other reader take one. */
  private static boolean isPercent(String text) {
    try {
      Percentages.parse(text, PercentSyntax.STRICT);
      return true;
    } catch (UnitException e) {
      return false;
    }
  }

  /** The conversion out of Json towards {@code expected}, if the core library has one. */
  static String fromJson(Expr json, Type expected, DriverRegistry drivers) {
    String fn = expected == Type.INT ? "int"
        : expected == Type.FLOAT ? "float"
        : expected == Type.STRING ? "string"
        : expected == Type.BOOL ? "bool"
        : null;
    if (fn == null || drivers.builtin("", fn) == null) {
      return "convert it with `int(...)`, `float(...)`, `string(...)` or `bool(...)`";
    }
    return "convert it: `" + fn + "(" + shown(json) + ")`";
  }

  /** The expression as written, or `x` when it is too long to quote in a help line. */
  static String shown(Expr e) {
    String text = e.span().text();
    return text.length() > MAX_SHOWN || text.contains("\n") ? "x" : text;
  }

  private static String numberText(Expr e) {
    Expr inner = unwrap(e);
    if (inner instanceof Expr.IntLit || inner instanceof Expr.FloatLit) {
      return e.span().text().replaceAll("[()\\s]", "");
    }
    if (inner instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG
        && (unwrap(u.operand()) instanceof Expr.IntLit || unwrap(u.operand()) instanceof Expr.FloatLit)) {
      return e.span().text().replaceAll("[()\\s]", "");
    }
    return null;
  }

  /** The value of an integer literal, negated or in parentheses; else null. */
  static Long intConstant(Expr e) {
    Expr inner = unwrap(e);
    if (inner instanceof Expr.IntLit i) {
      return i.value();
    }
    if (inner instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG
        && unwrap(u.operand()) instanceof Expr.IntLit i) {
      return -i.value();
    }
    return null;
  }

  static Expr unwrap(Expr e) {
    while (e instanceof Expr.Paren p) {
      e = p.inner();
    }
    return e;
  }
}
