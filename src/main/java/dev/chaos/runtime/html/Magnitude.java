package dev.chaos.runtime.html;

import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import dev.chaos.units.PercentSyntax;
import dev.chaos.units.Percentages;
import dev.chaos.units.UnitException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A figure a chart can place: a plain number, a percentage (30 for `30%`) or a duration in
 * seconds, read from a journaled value (a JSON number, or the literal text of a percentage or
 * duration) or from one side of an expectation's detail (`0.4% < 5%`).
 */
public record Magnitude(double value, Unit unit) {
  /** What the figure counts; two figures share an axis only when their units are equal. */
  public enum Unit { NUMBER, PERCENT, SECONDS }

  /** The figure a journaled value stands for; empty for text, records, lists, booleans. */
  public static Optional<Magnitude> of(Object tree) {
    if (tree instanceof Number n) {
      double v = n.doubleValue();
      return Double.isFinite(v) ? Optional.of(new Magnitude(v, Unit.NUMBER)) : Optional.empty();
    }
    return tree instanceof String s ? parse(s.trim()) : Optional.empty();
  }

  /** The figure written as {@code text}: `12`, `0.5`, `30%`, `180ms`, `1m30s`. */
  public static Optional<Magnitude> parse(String text) {
    if (text.isEmpty() || text.length() > 40) {
      return Optional.empty();
    }
    if (text.matches("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
      return Optional.of(new Magnitude(Double.parseDouble(text), Unit.NUMBER));
    }
    try {
      if (text.endsWith("%")) {
        return Optional.of(new Magnitude(
            Percentages.parse(text, PercentSyntax.SHARE_OR_CHANGE).doubleValue(), Unit.PERCENT));
      }
      boolean negative = text.startsWith("-");
      Duration d = Durations.parse(negative ? text.substring(1) : text, DurationSyntax.STRICT);
      double seconds = d.toNanos() / 1e9;
      return Optional.of(new Magnitude(negative ? -seconds : seconds, Unit.SECONDS));
    } catch (UnitException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** {@code value} written in {@code unit}, short enough for an axis label. */
  public static String shown(double value, Unit unit) {
    return switch (unit) {
      case NUMBER -> number(value);
      case PERCENT -> number(value) + "%";
      case SECONDS -> value < 0 ? "-" + seconds(-value) : seconds(value);
    };
  }

  private static String seconds(double seconds) {
    return Durations.format(Duration.ofNanos(Math.round(seconds * 1e6) * 1000));
  }

  /** At most four significant digits, no trailing zeros, no exponent for everyday figures. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    double magnitude = Math.abs(value);
    String text = magnitude >= 1e-4 && magnitude < 1e15
        ? new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
            .toPlainString()
        : String.format(Locale.ROOT, "%.3g", value);
    return text;
  }
}
