package dev.chaos.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How numbers, durations and percentages are written in interpolation, logs and reports. */
public final class ValueFormat {
  private ValueFormat() {}

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long[] UNIT_SECONDS = {86_400, 3_600, 60};
  private static final String[] UNIT_NAMES = {"d", "h", "m"};

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
   * As duration literals are written: `250ms`, `1.5s`, `1m30s`, `2h15m`, `1d`. Below one second
   * the unit is `ms` (with a fraction when needed); from one second on, whole days, hours and
   * minutes followed by the seconds with their fraction.
   */
  public static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    if (seconds == 0) {
      return trimmed(BigDecimal.valueOf(nanos, 6)) + "ms";
    }
    StringBuilder out = new StringBuilder();
    long rest = seconds;
    for (int i = 0; i < UNIT_SECONDS.length; i++) {
      long n = rest / UNIT_SECONDS[i];
      if (n > 0) {
        out.append(n).append(UNIT_NAMES[i]);
        rest -= n * UNIT_SECONDS[i];
      }
    }
    if (rest > 0 || nanos > 0) {
      BigDecimal secs = BigDecimal.valueOf(rest * NANOS_PER_SECOND + nanos, 9);
      out.append(trimmed(secs)).append('s');
    }
    return out.toString();
  }

  private static String trimmed(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
