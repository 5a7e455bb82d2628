package dev.chaos.types;

import dev.chaos.units.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How numbers, durations and percentages are written in interpolation, logs and reports. */
public final class ValueFormat {
  private ValueFormat() {}

  /** The shortest text that reads back as the same double, never in E notation: `0.004`, `90.0`. */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    String plain = trimmed(new BigDecimal(Double.toString(value)));
    return plain.contains(".") ? plain : plain + ".0";
  }

  /** `30%`, `0.4%`, `33.333333%`: at most six decimals, trailing zeros dropped. */
  public static String percent(double percent) {
    if (Double.isNaN(percent) || Double.isInfinite(percent)) {
      return percent + "%";
    }
    return trimmed(BigDecimal.valueOf(percent).setScale(6, RoundingMode.HALF_EVEN)) + "%";
  }

  /**
   * As duration literals are written, by the one formatter the parsers of runbooks,
   * `chaos.yaml` and world files read back: `250ms`, `1.5s`, `1m30s`, `2h15m`, `1d`.
   */
  public static String duration(Duration d) {
    return Durations.format(d);
  }

  private static String trimmed(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
