package dev.chaos.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * `+ - * /` and unary `-` on run-time values, by the table of docs/language.md ("Arithmetic and
 * comparison by type"). Int arithmetic fails on overflow rather than wrapping, division is exact
 * (`n / n` is a Float) and a zero divisor is a fault for every type, so a runbook never compares
 * against an Infinity it did not mean.
 */
public final class Arithmetic {
  private Arithmetic() {}

  public static Value add(Value a, Value b) {
    try {
      if (a instanceof Value.Int x && b instanceof Value.Int y) {
        return Value.integer(Math.addExact(x.value(), y.value()));
      }
      if (Values.isNumber(a) && Values.isNumber(b)) {
        return Value.number(Values.asDouble(a) + Values.asDouble(b));
      }
      if (a instanceof Value.Duration x && b instanceof Value.Duration y) {
        return Value.duration(x.value().plus(y.value()));
      }
      if (a instanceof Value.Percent x && b instanceof Value.Percent y) {
        return Value.percent(x.value() + y.value());
      }
      if (a instanceof Value.Time t && b instanceof Value.Duration d) {
        return new Value.Time(t.value().plus(d.value()));
      }
      if (a instanceof Value.Duration d && b instanceof Value.Time t) {
        return new Value.Time(t.value().plus(d.value()));
      }
      if (a instanceof Value.Str x && b instanceof Value.Str y) {
        return Value.str(x.value() + y.value());
      }
      if (a instanceof Value.List x && b instanceof Value.List y) {
        List<Value> joined = new ArrayList<>(x.items());
        joined.addAll(y.items());
        return Value.list(joined);
      }
    } catch (ArithmeticException | java.time.DateTimeException overflow) {
      throw overflow("+", a, b);
    }
    throw unsupported("+", a, b);
  }

  public static Value subtract(Value a, Value b) {
    try {
      if (a instanceof Value.Int x && b instanceof Value.Int y) {
        return Value.integer(Math.subtractExact(x.value(), y.value()));
      }
      if (Values.isNumber(a) && Values.isNumber(b)) {
        return Value.number(Values.asDouble(a) - Values.asDouble(b));
      }
      if (a instanceof Value.Duration x && b instanceof Value.Duration y) {
        return Value.duration(x.value().minus(y.value()));
      }
      if (a instanceof Value.Percent x && b instanceof Value.Percent y) {
        return Value.percent(x.value() - y.value());
      }
      if (a instanceof Value.Time x && b instanceof Value.Time y) {
        return Value.duration(Duration.between(y.value(), x.value()));
      }
      if (a instanceof Value.Time t && b instanceof Value.Duration d) {
        return new Value.Time(t.value().minus(d.value()));
      }
    } catch (ArithmeticException | java.time.DateTimeException overflow) {
      throw overflow("-", a, b);
    }
    throw unsupported("-", a, b);
  }

  public static Value multiply(Value a, Value b) {
    try {
      if (a instanceof Value.Int x && b instanceof Value.Int y) {
        return Value.integer(Math.multiplyExact(x.value(), y.value()));
      }
      if (Values.isNumber(a) && Values.isNumber(b)) {
        return Value.number(Values.asDouble(a) * Values.asDouble(b));
      }
      if (a instanceof Value.Duration d && Values.isNumber(b)) {
        return Value.duration(scale(d.value(), b, false));
      }
      if (Values.isNumber(a) && b instanceof Value.Duration d) {
        return Value.duration(scale(d.value(), a, false));
      }
      if (a instanceof Value.Percent p && Values.isNumber(b)) {
        return Value.percent(p.value() * Values.asDouble(b));
      }
      if (Values.isNumber(a) && b instanceof Value.Percent p) {
        return Value.percent(p.value() * Values.asDouble(a));
      }
    } catch (ArithmeticException overflow) {
      throw overflow("*", a, b);
    }
    throw unsupported("*", a, b);
  }

  public static Value divide(Value a, Value b) {
    if (isZero(b)) {
      throw new ValueException("division by zero: " + a.display() + " / " + b.display());
    }
    try {
      if (Values.isNumber(a) && Values.isNumber(b)) {
        return Value.number(Values.asDouble(a) / Values.asDouble(b));
      }
      if (a instanceof Value.Duration d && Values.isNumber(b)) {
        return Value.duration(scale(d.value(), b, true));
      }
      if (a instanceof Value.Duration x && b instanceof Value.Duration y) {
        return Value.number(nanos(x.value()).divide(nanos(y.value()), MathContext.DECIMAL64)
            .doubleValue());
      }
      if (a instanceof Value.Percent p && Values.isNumber(b)) {
        return Value.percent(p.value() / Values.asDouble(b));
      }
      if (a instanceof Value.Percent x && b instanceof Value.Percent y) {
        return Value.number(x.value() / y.value());
      }
    } catch (ArithmeticException overflow) {
      throw overflow("/", a, b);
    }
    throw unsupported("/", a, b);
  }

  public static Value negate(Value v) {
    switch (v.kind()) {
      case INT:
        try {
          return Value.integer(Math.negateExact(((Value.Int) v).value()));
        } catch (ArithmeticException overflow) {
          throw new ValueException("integer overflow in -" + v.display());
        }
      case FLOAT:
        return Value.number(-((Value.Float) v).value());
      case DURATION:
        return Value.duration(((Value.Duration) v).value().negated());
      case PERCENT:
        return Value.percent(-((Value.Percent) v).value());
      default:
        throw new ValueException("cannot negate " + v.kind().typeName());
    }
  }

  private static boolean isZero(Value v) {
    switch (v.kind()) {
      case INT:
        return ((Value.Int) v).value() == 0;
      case FLOAT:
        return ((Value.Float) v).value() == 0.0;
      case DURATION:
        return ((Value.Duration) v).value().isZero();
      case PERCENT:
        return ((Value.Percent) v).value() == 0.0;
      default:
        return false;
    }
  }

  /** A duration times or divided by a number, exact to the nanosecond, rounded half even. */
  private static Duration scale(Duration d, Value factor, boolean divide) {
    if (factor instanceof Value.Float x && !Double.isFinite(x.value())) {
      throw new ArithmeticException("not a finite factor");
    }
    BigDecimal f = factor instanceof Value.Int i
        ? BigDecimal.valueOf(i.value()) : new BigDecimal(Values.asDouble(factor));
    BigDecimal result = divide ? nanos(d).divide(f, MathContext.DECIMAL128)
        : nanos(d).multiply(f);
    return Duration.ofNanos(result.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
  }

  private static BigDecimal nanos(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).movePointRight(9).add(BigDecimal.valueOf(d.getNano()));
  }

  private static ValueException overflow(String op, Value a, Value b) {
    return new ValueException("overflow in " + a.display() + " " + op + " " + b.display());
  }

  private static ValueException unsupported(String op, Value a, Value b) {
    return new ValueException("cannot apply `" + op + "` to " + a.kind().typeName() + " and "
        + b.kind().typeName());
  }
}
