package dev.chaos.spi;

/**
 * The runbook's `blast_radius` rule as a driver's table sets it on a parameter, for the checker
 * (CH0505): a literal argument that puts the call over the cap whatever its targets hold (a
 * Chaos Mesh manifest with `mode: all` under a cap below 100%, a `fraction:` above the cap) is
 * reported before the run. The driver holds the same rule at run time, against the targets it
 * finds then; the checker needs to know nothing of the driver's domain.
 */
@FunctionalInterface
public interface BlastRule {
  /**
   * Why the call is over the cap; {@code near} is a regular expression of the part of the
   * literal's source to point at, or "" for the whole argument.
   */
  record Problem(String message, String near) {}

  /**
   * The problem with {@code literal} (a String for a string constant, a Double in percent for a
   * Percent literal, a Long for an Int literal) under a cap of {@code capPercent}; null when the
   * call may be within it.
   */
  Problem problem(Object literal, double capPercent);
}
