package dev.chaos.units;

import java.math.BigDecimal;

/** One `NUMBER UNIT` of a duration as written: `1.5` and `s` in `1.5s`. */
public record DurationPart(String number, DurationUnit unit) {
  BigDecimal nanos() {
    return new BigDecimal(number).multiply(unit.nanos());
  }

  @Override
  public String toString() {
    return number + unit.symbol();
  }
}
