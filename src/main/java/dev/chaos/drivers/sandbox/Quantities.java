package dev.chaos.drivers.sandbox;

import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import dev.chaos.units.PercentSyntax;
import dev.chaos.units.Percentages;
import dev.chaos.units.ResourceQuantities;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Which form of {@link dev.chaos.units} each kind of world-file value takes: durations as in
 * runbooks (`250ms`, `1m30s`); shares `30%` or a ratio `0.3`; memory `256Mi`; CPU `250m` or
 * `0.25`; a series value in the series' unit, which may be a signed change (`+250ms`, `-0.1%`)
 * and, being a number in that unit, may go without one (`0.18` seconds). A refused text throws
 * a {@link dev.chaos.units.UnitException} whose message the world loader places at its key.
 */
final class Quantities {
  private Quantities() {}

  /** `250ms`, `30s`, `1m30s`, `2h15m`, `1d`: a duration as runbooks and `chaos.yaml` write it. */
  static Duration duration(String text) {
    return Durations.parse(text, DurationSyntax.STRICT);
  }

  /** A duration above zero, for an interval: as `chaos.yaml` reads a timeout. */
  static Duration positiveDuration(String text) {
    return Durations.parse(text, DurationSyntax.POSITIVE);
  }

  /** A share as a ratio: `30%` is 0.3, `0.3` is 0.3. */
  static double ratio(String text) {
    return Percentages.ratio(text, PercentSyntax.SHARE);
  }

  /** Bytes from `256Mi`, `1Gi`, `500M` or a plain number. */
  static long bytes(String text) {
    return ResourceQuantities.bytes(text);
  }

  /** Cores from `250m` or `0.25`. */
  static double cores(String text) {
    return ResourceQuantities.cores(text);
  }

  /**
   * A number in the unit of a series: for `ratio` series `3%` or `0.03`, for `seconds` series
   * `250ms` or `0.25`, otherwise a plain number; the first two may be a signed change.
   */
  static double inUnit(String text, SeriesUnit unit) {
    switch (unit) {
      case RATIO:
        return Percentages.ratio(text, PercentSyntax.SHARE_OR_CHANGE);
      case SECONDS:
        return toSeconds(Durations.parse(text, DurationSyntax.SECONDS_VALUE));
      default:
        try {
          return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("`" + text + "` is not a number");
        }
    }
  }

  static double toSeconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  static Duration ofSeconds(double seconds) {
    return Duration.ofNanos(BigDecimal.valueOf(seconds).movePointRight(9)
        .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
  }
}
