package dev.chaos.drivers.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The HorizontalPodAutoscaler of a deployment (the world file's `hpa`), synced every tick. */
final class Autoscaler {
  private record Recommendation(Instant time, int replicas) {}

  private final Deployment d;
  private final Deque<Recommendation> recommendations = new ArrayDeque<>();
  private int lastRecommendation;

  Autoscaler(Deployment d) {
    this.d = d;
    this.lastRecommendation = d.spec.replicas();
  }

  /**
   * One sync of the HorizontalPodAutoscaler: the replicas that bring CPU to the target (within
   * the 10% tolerance of Kubernetes), scaling up at once and down only to the highest
   * recommendation of the stabilization window.
   */
  void tick(Instant t) {
    WorldSpec.HpaSpec hpa = d.spec.hpa();
    if (hpa == null) {
      return;
    }
    double utilisation = d.cpuPerPodAt(t) / d.spec.cpuRequest();
    double ratio = utilisation / hpa.targetCpu();
    int replicas = d.replicas();
    int recommended = Math.abs(ratio - 1.0) <= 0.1 ? replicas
        : (int) Math.ceil(replicas * ratio - 1e-9);
    recommended = Math.max(hpa.min(), Math.min(hpa.max(), recommended));
    lastRecommendation = recommended;
    recommendations.addLast(new Recommendation(t, recommended));
    while (recommendations.peekFirst().time().isBefore(t.minus(hpa.scaleDownWindow()))) {
      recommendations.removeFirst();
    }
    int stabilised = recommendations.stream().mapToInt(Recommendation::replicas).max()
        .orElse(recommended);
    if (recommended > replicas) {
      d.scale(recommended, t);
    } else if (stabilised < replicas) {
      d.scale(stabilised, t);
    }
  }

  /** The replicas it last recommended; the deployment's own without an autoscaler. */
  int desiredReplicas() {
    return d.spec.hpa() == null ? d.replicas() : lastRecommendation;
  }
}
