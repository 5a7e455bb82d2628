package dev.chaos.drivers.kube;

import dev.chaos.types.ValueFormat;

/**
 * The runbook's `blast_radius` rule, one for every mutation that picks its targets from a set:
 * the share of the set it hits (pods a chaos object selects, replicas a `scale` removes,
 * connections `hold_connections` takes) never exceeds the cap. A mutation over the cap is
 * refused before it writes anything ({@link BlastRefused}), with the figures; one within it gets
 * the verdict a dry run's preview shows and the report counts. `k8s.kill_pods` keeps its own
 * rounding ({@link KillCount}), which lowers a count to fit rather than refusing it.
 */
public final class BlastRadius {
  private BlastRadius() {}

  private static final double EPSILON = 1e-9;

  /** {@code count} of {@code of}; {@code verdict} is the blast-radius ruling on it, in words. */
  public record Share(int count, int of, String verdict) {
    /** Several selections of one call as one share: counts and candidates added up. */
    public Share plus(Share other) {
      String joined = verdict.isEmpty() ? other.verdict
          : other.verdict.isEmpty() ? verdict : verdict + "; " + other.verdict;
      return new Share(count + other.count, of + other.of, joined);
    }
  }

  /** A call that hits nothing, before anything is added. */
  public static final Share NONE = new Share(0, 0, "");

  /**
   * Judges a mutation that hits {@code count} of {@code of} candidates. {@code claim} says it
   * in words without the share ("PodChaos `x` selects all 5 pods labelled `tier=backend` in
   * `shop`"); {@code what} names the candidates for the verdict ("the pods it selects"); a null
   * {@code capPercent} means the runbook declares no blast_radius.
   *
   * @throws BlastRefused when the share is more than the cap
   */
  public static Share judge(String claim, int count, int of, String what, Double capPercent) {
    if (of <= 0 || count <= 0) {
      return new Share(Math.max(0, count), Math.max(0, of), claim + ": nothing is hit");
    }
    double share = 100.0 * count / of;
    if (capPercent != null && share > capPercent + EPSILON) {
      throw new BlastRefused(claim + " (" + percent(share) + "); the runbook's blast_radius is "
          + percent(capPercent) + (count == 1 ? ": even one is too many" : ""));
    }
    String verdict = percent(share) + " of " + what;
    return new Share(count, of, capPercent == null
        ? verdict + "; the runbook declares no blast_radius"
        : verdict + ", within the runbook's blast_radius " + percent(capPercent));
  }

  /**
   * Refuses a call that asks for more than the cap as a share ({@code fixed-percent: 50},
   * `PODS_AFFECTED_PERC=50`, a `fraction:`), whatever the targets turn out to be.
   *
   * @throws BlastRefused when {@code requestedPercent} is more than the cap
   */
  public static void requested(String claim, double requestedPercent, Double capPercent) {
    if (capPercent != null && requestedPercent > capPercent + EPSILON) {
      throw new BlastRefused(claim + " asks for up to " + percent(requestedPercent)
          + "; the runbook's blast_radius is " + percent(capPercent));
    }
  }

  /** "1 pod", "5 pods". */
  public static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /** As the language writes a Percent: `30%`, `33.333333%`. */
  public static String percent(double value) {
    return ValueFormat.percent(value);
  }
}
