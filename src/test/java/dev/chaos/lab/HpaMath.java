package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import java.util.Deque;

/**
 * The Kubernetes HPA's arithmetic (kube-controller-manager's replica calculator and its
 * scale-down stabilization), without servers, so that it is tested on its own
 * ({@code HpaMathTest}).
 */
final class HpaMath {
  /** The HPA's default tolerance: a ratio within 10% of 1 changes nothing. */
  static final double TOLERANCE = 0.1;
  /** The default scale-down stabilization window (`--horizontal-pod-autoscaler-downscale-stabilization`). */
  static final Duration DEFAULT_SCALE_DOWN_WINDOW = Duration.ofMinutes(5);

  /** What one round recommended, and when. */
  record Recommendation(int replicas, long atNanos) {}

  private HpaMath() {}

  /**
   * Replicas for an average {@code utilization}% of the request over {@code measuredPods}
   * against {@code target}%: {@code ceil(measuredPods × utilization / target)}, unchanged within
   * the tolerance, bounded by min and max.
   */
  static int desired(int current, int measuredPods, int utilization, int target, int min, int max) {
    double ratio = (double) utilization / target;
    int wanted = Math.abs(ratio - 1.0) <= TOLERANCE ? current
        : (int) Math.ceil(measuredPods * ratio);
    return Math.max(min, Math.min(max, wanted));
  }

  /**
   * Scale-up at once; scale-down to the highest recommendation within the window (older ones
   * are dropped from {@code recent}), as the HPA's stabilization does.
   */
  static int stabilized(Deque<Recommendation> recent, int current, int proposed, long nowNanos,
      Duration window) {
    while (!recent.isEmpty() && nowNanos - recent.peekFirst().atNanos() > window.toNanos()) {
      recent.removeFirst();
    }
    if (proposed >= current) {
      return proposed;
    }
    int highest = recent.stream().mapToInt(Recommendation::replicas).max().orElse(proposed);
    return Math.min(current, Math.max(proposed, highest));
  }

  /** {@code spec.behavior.scaleDown.stabilizationWindowSeconds}, else the default 5 minutes. */
  static Duration scaleDownWindow(HorizontalPodAutoscaler hpa) {
    var behavior = hpa.getSpec().getBehavior();
    if (behavior != null && behavior.getScaleDown() != null
        && behavior.getScaleDown().getStabilizationWindowSeconds() != null) {
      return Duration.ofSeconds(behavior.getScaleDown().getStabilizationWindowSeconds());
    }
    return DEFAULT_SCALE_DOWN_WINDOW;
  }
}
