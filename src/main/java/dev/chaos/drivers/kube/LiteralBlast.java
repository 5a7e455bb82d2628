package dev.chaos.drivers.kube;

import dev.chaos.spi.BlastRule;

/**
 * The blast-radius rule on literal arguments, for the checker (CH0505, through
 * {@link BlastRule}): only what is over the cap whatever the cluster holds, in the words the
 * run would refuse it with.
 */
public final class LiteralBlast {
  private LiteralBlast() {}

  /** A `k8s.apply` or `argo.submit` manifest: {@link ChaosBlast#literalProblem}. */
  public static BlastRule.Problem manifest(Object literal, double cap) {
    if (!(literal instanceof String text)) {
      return null;
    }
    ChaosBlast.Problem p = ChaosBlast.literalProblem(text, cap);
    return p == null ? null : new BlastRule.Problem(p.message(), p.near());
  }

  /** `kill_pods(fraction: P)`: P above the cap is refused, as {@link KillCount} does. */
  public static BlastRule.Problem fraction(Object literal, double cap) {
    if (literal instanceof Double percent && percent > cap + 1e-9) {
      return new BlastRule.Problem("fraction: " + BlastRadius.percent(percent)
          + " is more than the runbook's blast_radius " + BlastRadius.percent(cap), "");
    }
    return null;
  }

  /** `scale(kind, name, 0)`: removes every replica there is, 100%, whatever their number. */
  public static BlastRule.Problem scaleTo(Object literal, double cap) {
    if (literal instanceof Long replicas && replicas == 0 && cap < 100 - 1e-9) {
      return new BlastRule.Problem("scaling to 0 replicas removes all of them (100%);"
          + " the runbook's blast_radius is " + BlastRadius.percent(cap), "");
    }
    return null;
  }
}
