package dev.chaos.units;

import java.math.BigDecimal;

/**
 * Percentages as text: a number and `%` (`30%`, `0.1%`, `150%`), the number as in durations
 * (digits with an optional fraction). The value is kept as the exact decimal written, so that
 * `0.4%` as a ratio is the double nearest 0.004, not 0.4 / 100.
 */
public final class Percentages {
  private Percentages() {}

  /** The percentage {@code text} stands for: 30 for `30%` (and for `0.3` if ratios are allowed). */
  public static BigDecimal parse(String text, PercentSyntax syntax) {
    boolean signed = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-');
    String body = signed ? text.substring(1) : text;
    BigDecimal value;
    if (body.endsWith("%") && Durations.isNumber(body.substring(0, body.length() - 1))) {
      value = new BigDecimal(body.substring(0, body.length() - 1));
    } else if (syntax.bareRatio() && Durations.isNumber(body)) {
      value = new BigDecimal(body).movePointRight(2);
    } else {
      throw new UnitException(text, UnitProblem.MALFORMED, "is not a percentage: write a number and"
          + " `%`" + (syntax.bareRatio() ? ", or a ratio" : "") + ", e.g. `30%` or `0.1%`"
          + (syntax.bareRatio() ? " or `0.3`" : ""), null);
    }
    if (signed && !syntax.signed()) {
      throw new UnitException(text, UnitProblem.SIGNED,
          "is not a percentage here: write it without a sign", null);
    }
    return text.charAt(0) == '-' ? value.negate() : value;
  }

  /**
   * {@link #parse} as a double: 30.0 for `30%`. A plain `NUMBER%` is read by
   * {@link Double#parseDouble}, which rounds the decimal to the nearest double as
   * {@link BigDecimal#doubleValue} does, without BigDecimal's first use: about 20 ms of a
   * short-lived `chaos check`.
   */
  public static double value(String text, PercentSyntax syntax) {
    String number = text.endsWith("%") ? text.substring(0, text.length() - 1) : "";
    return Durations.isNumber(number) ? Double.parseDouble(number) : parse(text, syntax).doubleValue();
  }

  /** The ratio {@code text} stands for: 0.3 for `30%` (and for `0.3` if ratios are allowed). */
  public static double ratio(String text, PercentSyntax syntax) {
    return parse(text, syntax).movePointLeft(2).doubleValue();
  }

  /** The shortest text {@link #parse} reads back as {@code percent}: `30%`, `0.1%`, `-2.5%`. */
  public static String format(double percent) {
    if (!Double.isFinite(percent)) {
      throw new IllegalArgumentException("no percentage is " + percent);
    }
    return format(BigDecimal.valueOf(percent));
  }

  /** `30%` for 30, `0.1%` for 0.10: the decimal without trailing zeros, never an exponent. */
  public static String format(BigDecimal percent) {
    BigDecimal plain = percent.stripTrailingZeros();
    return (plain.signum() == 0 ? "0" : plain.toPlainString()) + "%";
  }
}
