package dev.chaos.drivers.kube;

/**
 * How many pods `k8s.kill_pods` kills, for the sandbox and live runs alike, and the runbook's
 * `blast_radius` rule: the share of the selected pods killed never exceeds it.
 *
 * <p>`count:` is taken as given and refused when it is more than the blast radius allows.
 * `fraction:` is refused when it asks for more than the blast radius; otherwise it is rounded
 * up, at least one pod, as the table says, but never past the blast radius: 30% of 5 pods
 * under `blast_radius 30%` kills 1 pod (20%), not 2 (40%). Rounding is how a share of a few
 * pods becomes a number of pods, not a licence to exceed the cap the runbook declared. When not
 * even one pod fits (30% of 2 pods), the call is refused.
 */
public final class KillCount {
  private KillCount() {}

  /** What to kill: {@code count} pods; {@code note} explains a count lowered by the cap. */
  public record Decision(int count, String note) {}

  /** A kill the runbook does not allow; the message names the numbers. */
  public static final class Refused extends BlastRefused {
    public Refused(String message) {
      super(message);
    }
  }

  private static final double EPSILON = 1e-9;

  /**
   * Decides how many of {@code matching} pods to kill. Exactly one of {@code fractionPercent}
   * and {@code count} is non-null; {@code blastRadiusPercent} is null when the runbook declares
   * none. {@code target} follows "pods" in messages: "labelled `tier=backend` in namespace
   * llm-marketplace".
   */
  public static Decision decide(int matching, Double fractionPercent, Long count,
      Double blastRadiusPercent, String target) {
    if (matching == 0) {
      throw new Refused("no pods " + target + ": nothing to kill");
    }
    if (count != null) {
      return byCount(matching, count, blastRadiusPercent, target);
    }
    return byFraction(matching, fractionPercent, blastRadiusPercent, target);
  }

  private static Decision byCount(int matching, long count, Double cap, String target) {
    if (count < 1) {
      throw new Refused("count: " + count + " kills nothing; give at least 1");
    }
    if (count > matching) {
      throw new Refused("count: " + count + " is more than the " + pods(matching) + " "
          + target);
    }
    double share = 100.0 * count / matching;
    if (cap != null && share > cap + EPSILON) {
      throw new Refused("killing " + count + " of the " + pods(matching) + " "
          + target + " (" + percent(share)
          + ") is more than the runbook's blast_radius " + percent(cap));
    }
    return new Decision((int) count, "");
  }

  private static Decision byFraction(int matching, double fraction, Double cap, String target) {
    if (!(fraction > 0) || fraction > 100 + EPSILON) {
      throw new Refused("fraction: " + percent(fraction)
          + " is not a share of pods; give one above 0% and at most 100%");
    }
    if (cap != null && fraction > cap + EPSILON) {
      throw new Refused("fraction: " + percent(fraction) + " is more than the runbook's"
          + " blast_radius " + percent(cap));
    }
    int wanted = Math.max(1, (int) Math.ceil(matching * fraction / 100.0 - EPSILON));
    if (cap == null) {
      return new Decision(wanted, "");
    }
    int allowed = (int) Math.floor(matching * cap / 100.0 + EPSILON);
    if (wanted <= allowed) {
      return new Decision(wanted, "");
    }
    if (allowed < 1) {
      throw new Refused(percent(fraction) + " of the " + pods(matching) + " "
          + target + " is at least 1 pod ("
          + percent(100.0 / matching) + "), more than the runbook's blast_radius "
          + percent(cap));
    }
    return new Decision(allowed, percent(fraction) + " of " + pods(matching) + " rounds up to "
        + wanted + " (" + percent(100.0 * wanted / matching) + "); killing " + allowed + " ("
        + percent(100.0 * allowed / matching) + ") to stay within the runbook's blast_radius "
        + percent(cap));
  }

  /**
   * The blast-radius verdict on a kill that {@link #decide} allowed, for a dry run's preview:
   * "20% of the selected pods, within the runbook's blast_radius 30%", with the reason when the
   * count was lowered to fit; or that the runbook declares no blast_radius. A kill over the cap
   * never gets this far: {@link #decide} refuses it, in a dry run as in a real one.
   */
  public static String verdict(Decision d, int matching, Double blastRadiusPercent) {
    String share = percent(100.0 * d.count() / matching) + " of the selected pods";
    if (blastRadiusPercent == null) {
      return share + "; the runbook declares no blast_radius";
    }
    return share + ", within the runbook's blast_radius " + percent(blastRadiusPercent)
        + (d.note().isEmpty() ? "" : " (fewer pods than asked, to stay within it)");
  }

  private static String pods(int n) {
    return n == 1 ? "1 pod" : n + " pods";
  }

  /** As the language writes a Percent: `30%`, `33.333333%`. */
  private static String percent(double value) {
    return dev.chaos.types.ValueFormat.percent(value);
  }
}
