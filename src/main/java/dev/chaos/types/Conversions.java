package dev.chaos.types;

import java.math.BigDecimal;

/**
 * The core conversions `int()`, `float()`, `string()` and `bool()`. Their parameter is Json, so
 * besides Json values they receive any value the checker let through (an Int, a Float, a
 * String); a value that does not convert is a fault whose message says what it was.
 */
public final class Conversions {
  private Conversions() {}

  /** A whole number: a Json number or numeric string, an Int, or a Float truncated toward zero. */
  public static Value.Int toInt(Value v) {
    switch (v.kind()) {
      case INT:
        return (Value.Int) v;
      case FLOAT: {
        double d = ((Value.Float) v).value();
        if (!Double.isFinite(d) || d >= 0x1p63 || d < -0x1p63) {
          throw new ValueException("cannot convert " + v.display() + " to Int: out of range");
        }
        return Value.integer((long) d);
      }
      case STRING:
        return Value.integer(parseWhole(((Value.Str) v).value(), "a String"));
      case JSON: {
        Object tree = ((Value.Json) v).tree();
        if (tree instanceof Long l) {
          return Value.integer(l);
        }
        if (tree instanceof Double d) {
          if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
            throw new ValueException("cannot convert the Json number " + ValueFormat.number(d)
                + " to Int: not a whole number");
          }
          return Value.integer(d.longValue());
        }
        if (tree instanceof String s) {
          return Value.integer(parseWhole(s, "the Json string"));
        }
        throw cannot(JsonTree.describe(tree), "Int");
      }
      default:
        throw cannot("a " + v.kind().typeName(), "Int");
    }
  }

  /** A number: a Json number or numeric string, an Int or a Float. */
  public static Value.Float toFloat(Value v) {
    switch (v.kind()) {
      case INT:
        return Value.number(((Value.Int) v).value());
      case FLOAT:
        return (Value.Float) v;
      case STRING:
        return Value.number(parseNumber(((Value.Str) v).value(), "a String"));
      case JSON: {
        Object tree = ((Value.Json) v).tree();
        if (tree instanceof Number n) {
          return Value.number(n.doubleValue());
        }
        if (tree instanceof String s) {
          return Value.number(parseNumber(s, "the Json string"));
        }
        throw cannot(JsonTree.describe(tree), "Float");
      }
      default:
        throw cannot("a " + v.kind().typeName(), "Float");
    }
  }

  /** Text: a Json string as it is, anything else as a report writes it; never a Secret. */
  public static Value.Str toStr(Value v) {
    switch (v.kind()) {
      case STRING:
        return (Value.Str) v;
      case SECRET:
        throw new ValueException("a Secret cannot be converted to String");
      default:
        return Value.str(v.display());
    }
  }

  /** A Json boolean, a Bool, or the string `true` or `false`. */
  public static Value.Bool toBool(Value v) {
    switch (v.kind()) {
      case BOOL:
        return (Value.Bool) v;
      case STRING:
        return parseBool(((Value.Str) v).value(), "a String");
      case JSON: {
        Object tree = ((Value.Json) v).tree();
        if (tree instanceof Boolean b) {
          return Value.bool(b);
        }
        if (tree instanceof String s) {
          return parseBool(s, "the Json string");
        }
        throw cannot(JsonTree.describe(tree), "Bool");
      }
      default:
        throw cannot("a " + v.kind().typeName(), "Bool");
    }
  }

  private static long parseWhole(String text, String what) {
    try {
      return new BigDecimal(text.trim()).longValueExact();
    } catch (NumberFormatException e) {
      throw new ValueException("cannot convert " + what + " \"" + text + "\" to Int: not a number");
    } catch (ArithmeticException e) {
      throw new ValueException("cannot convert " + what + " \"" + text
          + "\" to Int: not a whole number in range");
    }
  }

  private static double parseNumber(String text, String what) {
    try {
      // BigDecimal accepts decimal notation only: no "NaN", "Infinity" or hex floats
      return new BigDecimal(text.trim()).doubleValue();
    } catch (NumberFormatException e) {
      throw new ValueException("cannot convert " + what + " \"" + text + "\" to Float: not a number");
    }
  }

  private static Value.Bool parseBool(String text, String what) {
    if (text.equals("true") || text.equals("false")) {
      return Value.bool(text.equals("true"));
    }
    throw new ValueException("cannot convert " + what + " \"" + text
        + "\" to Bool: expected \"true\" or \"false\"");
  }

  private static ValueException cannot(String what, String to) {
    return new ValueException("cannot convert " + what + " to " + to);
  }
}
