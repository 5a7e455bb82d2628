package dev.chaos.units;

import java.math.BigDecimal;

/** The units of a duration, largest first: the order in which a compound duration names them. */
public enum DurationUnit {
  DAYS("d", 86_400_000_000_000L),
  HOURS("h", 3_600_000_000_000L),
  MINUTES("m", 60_000_000_000L),
  SECONDS("s", 1_000_000_000L),
  MILLIS("ms", 1_000_000L);

  /** The units as a reader is told them: `ms, s, m, h or d`. */
  public static final String LIST = "ms, s, m, h or d";

  private final String symbol;
  private final long nanos;

  DurationUnit(String symbol, long nanos) {
    this.symbol = symbol;
    this.nanos = nanos;
  }

  public String symbol() {
    return symbol;
  }

  BigDecimal nanos() {
    return BigDecimal.valueOf(nanos);
  }

  long nanosPer() {
    return nanos;
  }

  /** The unit that starts {@code text} at {@code from}: `ms` before `m`; null for none. */
  static DurationUnit at(String text, int from) {
    if (text.startsWith("ms", from)) {
      return MILLIS;
    }
    for (DurationUnit unit : values()) {
      if (text.startsWith(unit.symbol, from)) {
        return unit;
      }
    }
    return null;
  }
}
