package dev.chaos.runtime.html;

import java.time.Instant;
import java.util.List;

/**
 * One observed figure over the run: an `observe`, a guard, a `throughout` verify, the recovery
 * condition, or a precondition or verify checked once. {@code unit} is null when no sample was a
 * figure (a guard on `status == 200` drawn as its outcomes only); {@code threshold} is the
 * right side of the expectation (`5%` in `0.4% < 5%`), with its {@code comparison}.
 */
public record Series(String kind, String name, Magnitude.Unit unit, List<Point> points,
    Double threshold, String comparison, String summary) {
  public Series {
    points = List.copyOf(points);
  }

  /**
   * One sample: {@code value} is null when it was no figure (an error, a text); {@code outcome}
   * is `true`, `false` or `error`; {@code tip} what the sample saw, shown on hover.
   */
  public record Point(Instant time, Double value, String outcome, String tip) {}

  public boolean numeric() {
    return unit != null;
  }

  /** The label of the series: `observe error_rate`, `guard "error rate under 5%"`. */
  public String title() {
    return (kind + " " + name).trim();
  }
}
