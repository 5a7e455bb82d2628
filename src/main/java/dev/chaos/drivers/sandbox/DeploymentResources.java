package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.Deployment.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The CPU and memory of a deployment's pods: the traffic's load spread over the ready pods,
 * what stress adds, throttling at the CPU limit and on a node that is short of CPU, and memory
 * past the limit (an OOM kill, {@link PodTimeline}).
 */
final class DeploymentResources {
  private final Deployment d;
  /** CPU the traffic needs, spread over the ready pods. */
  private final double load;

  DeploymentResources(Deployment d) {
    this.d = d;
    this.load = d.spec.cpu() * Math.max(1, d.spec.replicas());
  }

  /** Cores each pod's container asks for at {@code t} without stress: its share of the load. */
  double baseCpuAt(Instant t) {
    return load / Math.max(1, d.readyAt(t)) + d.kindCpu.applyAsDouble(t);
  }

  /** Cores a pod's container asks for at {@code t}: {@code base} plus the CPU stress on it. */
  private double cpuDemandAt(Pod p, Instant t, double base) {
    double stress = 0;
    for (Injected hit : p.hits) {
      if (hit.injection.stress() != null && hit.activeAt(t)) {
        stress += hit.injection.stress().cpuCores();
      }
    }
    return base + stress;
  }

  /** Cores it gets: its demand, throttled at its limit. */
  double cpuUseAt(Pod p, Instant t) {
    return cpuUseAt(p, t, baseCpuAt(t));
  }

  double cpuUseAt(Pod p, Instant t, double base) {
    double demand = cpuDemandAt(p, t, base);
    double limit = d.spec.container().cpuLimit();
    return limit > 0 ? Math.min(demand, limit) : demand;
  }

  /**
   * How much slower its own work is: throttled past its CPU limit (demand over limit), or
   * sharing a node whose pods want more CPU than it has.
   */
  double slowdownAt(Pod p, Instant t, double base, Map<String, Double> nodeUse) {
    double demand = cpuDemandAt(p, t, base);
    double limit = d.spec.container().cpuLimit();
    double throttled = limit > 0 && demand > limit ? demand / limit : 1;
    if (!d.nodes().bounded() || p.node.isEmpty()) {
      return throttled;
    }
    double node = d.nodes().cpuOf(p.node);
    double used = nodeUse.computeIfAbsent(p.node, n -> d.nodes().cpuUsedOn(n, t));
    return Math.max(throttled, used > node ? used / node : 1);
  }

  /**
   * Bytes its container uses at {@code t}: its use at rest plus the memory stress on it, unless
   * that passes its limit (then it is being OOM-killed, and holds what it holds at rest).
   */
  long memoryUseAt(Pod p, Instant t) {
    long use = d.spec.memory();
    long stress = 0;
    long nodeMemory = d.nodes().memoryOf(p.node);
    for (Injected hit : p.hits) {
      if (hit.activeAt(t)) {
        stress += PodTimeline.stressBytes(hit, nodeMemory);
        if (stress < 0) {
          stress = Long.MAX_VALUE;
        }
      }
    }
    long limit = d.spec.container().memoryLimit();
    long total = stress > Long.MAX_VALUE - use ? Long.MAX_VALUE : use + stress;
    return limit > 0 && total > limit ? use : total;
  }

  /** CPU of one pod: its share of the load plus what chaos adds, within its limit. */
  double cpuPerPodAt(Instant t) {
    List<Pod> running = d.podsAt(t);
    if (running.isEmpty()) {
      return baseCpuAt(t);
    }
    double base = baseCpuAt(t);
    return running.stream().mapToDouble(p -> cpuUseAt(p, t, base)).average().orElse(0);
  }
}
