package dev.chaos.drivers.kube;

import java.util.Set;

/**
 * The blast-radius rule ({@link BlastRadius}) on the workload changes of the `k8s` driver:
 *
 * <ul>
 *   <li>`scale` hits the replicas it removes, as a share of the current replicas (scaling up
 *       removes none);
 *   <li>`delete` of a workload (deployment, statefulset, daemonset, replicaset) hits all of its
 *       replicas, so it is refused under any cap below 100% unless it has none;
 *   <li>`delete_all` of workloads or pods hits every object it selects.
 * </ul>
 */
public final class WorkloadBlast {
  private WorkloadBlast() {}

  /** The kinds whose deletion takes their pods with them. */
  public static final Set<String> WORKLOADS = Set.of("deployment", "statefulset", "daemonset",
      "replicaset");

  /** Whether deleting an object of {@code kind} is judged. */
  public static boolean judged(String kind) {
    return WORKLOADS.contains(Kinds.normalise(kind));
  }

  /** `scale` of {@code ref} (where it is) from {@code current} to {@code replicas}. */
  public static BlastRadius.Share scale(String ref, int current, int replicas, Double cap) {
    int removed = Math.max(0, current - replicas);
    return BlastRadius.judge("scaling " + ref + " from " + current + " to " + replicas
        + " replicas removes " + removed + " of its " + BlastRadius.count(current, "replica",
        "replicas"), removed, current, "its replicas", cap);
  }

  /** `delete` of a workload {@code ref} that has {@code replicas}. */
  public static BlastRadius.Share delete(String ref, int replicas, Double cap) {
    return BlastRadius.judge("deleting " + ref + " removes all "
        + BlastRadius.count(replicas, "replica", "replicas") + " of it", replicas, replicas,
        "its replicas", cap);
  }

  /**
   * `delete_all` of {@code count} objects of {@code kind}: every one selected; {@code what}
   * says which ("labelled `tier=backend` in namespace shop").
   */
  public static BlastRadius.Share deleteAll(String kind, int count, String what, Double cap) {
    String plural = Kinds.normalise(kind) + (Kinds.normalise(kind).endsWith("s") ? "" : "s");
    return BlastRadius.judge("deleting every " + Kinds.normalise(kind) + " " + what
        + " removes all " + count + " " + plural, count, count, "the selected " + plural, cap);
  }
}
