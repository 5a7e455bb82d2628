package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.sandbox.Deployment.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a deployment's pods give their callers at an instant: the share serving, the latency
 * and loss the NetworkChaos on them adds (as each caller sees it), and how much slower CPU
 * pressure makes them ({@link DeploymentResources}).
 */
final class DeploymentHealth {
  private final Deployment d;

  DeploymentHealth(Deployment d) {
    this.d = d;
  }

  /**
   * What the pods give {@code caller}'s pods at {@code t}: a NetworkChaos between the two (one
   * side selected, the other its `target`) acts in proportion to the caller's pods it holds.
   */
  PodHealth at(Instant t, Deployment caller) {
    List<Pod> counted = d.countedAt(t);
    if (counted.isEmpty()) {
      return new PodHealth(0, Duration.ZERO, 0, 1);
    }
    List<Pod> serving = counted.stream().filter(p -> p.readyAt(t)).toList();
    if (serving.isEmpty()) {
      return new PodHealth(0, Duration.ZERO, 0, 1);
    }
    double latency = 0;
    double loss = 0;
    double slowdown = 0;
    double base = d.baseCpuAt(t);
    Map<String, Double> nodeUse = new HashMap<>();
    for (Pod p : serving) {
      double[] net = network(p, t, caller);
      latency += net[0];
      loss += net[1];
      slowdown += d.slowdownAt(p, t, base, nodeUse);
    }
    int n = serving.size();
    return new PodHealth((double) n / counted.size(), Quantities.ofSeconds(latency / n),
        Math.min(1, loss / n), Math.max(1, slowdown / n));
  }

  /**
   * What chaos adds to the p95 of answers at {@code t}: the 95th percentile over the serving
   * pods (each taking an equal share of requests) of the latency it adds to a pod, jitter
   * included (netem spreads it evenly over +-jitter, so 0.9 jitter at the 95th), plus the
   * slowdown applied to {@code baseline}, the pods' own p95.
   */
  double p95AddedAt(Instant t, double baseline) {
    List<Double> added = new ArrayList<>();
    double base = d.baseCpuAt(t);
    Map<String, Double> nodeUse = new HashMap<>();
    for (Pod p : d.countedAt(t)) {
      if (p.readyAt(t)) {
        added.add(network(p, t, null)[2] + (d.slowdownAt(p, t, base, nodeUse) - 1) * baseline);
      }
    }
    if (added.isEmpty()) {
      return 0;
    }
    added.sort(Comparator.naturalOrder());
    return added.get((int) Math.ceil(0.95 * added.size()) - 1);
  }

  /** Share of requests not answered: pods not serving, and the share lost by those that are. */
  double downShareAt(Instant t) {
    if (d.replicas() == 0 && d.countedAt(t).isEmpty()) {
      return 0; // scaled to nothing on purpose: no pod is missing
    }
    PodHealth h = at(t, null);
    return 1 - h.servingShare() * (1 - h.lossShare());
  }

  /**
   * A pod's mean added latency (seconds), loss share and p95 added latency (seconds), from the
   * NetworkChaos on it, as {@code caller} (null: any caller no `target` names) sees it.
   */
  private double[] network(Pod p, Instant t, Deployment caller) {
    double latency = 0;
    double p95 = 0;
    double kept = 1;
    for (Injected hit : p.hits) {
      ChaosInjection.Network net = hit.injection.network();
      if (net == null || !hit.activeAt(t)) {
        continue;
      }
      double weight = 1;
      if (hit.peered) {
        weight = caller == null ? 0 : shareIn(caller, hit.pods.contains(p) ? hit.peers
            : hit.pods, t);
      } else if (!hit.pods.contains(p)) {
        continue;
      }
      if (weight == 0) {
        continue;
      }
      double delay = Quantities.toSeconds(net.latency());
      double jitter = Quantities.toSeconds(net.jitter());
      double transfer = net.rateBitsPerSecond() == 0 ? 0
          : d.spec.container().responseSize() * 8.0 / net.rateBitsPerSecond();
      // netem clamps a delay at 0: with jitter above the latency the mean rises
      double mean = jitter > delay ? (delay + jitter) * (delay + jitter) / (4 * jitter) : delay;
      latency += weight * (mean + transfer);
      p95 += weight * (delay + 0.9 * jitter + transfer);
      double lost = net.partition() ? 1
          : Math.min(1, (net.lossPercent() + net.corruptPercent()) / 100.0);
      kept *= 1 - weight * lost;
    }
    return new double[] {latency, 1 - kept, p95};
  }

  /** Share of {@code caller}'s counted pods among {@code set} at {@code t}. */
  private static double shareIn(Deployment caller, Set<Pod> set, Instant t) {
    List<Pod> counted = caller.countedAt(t);
    if (counted.isEmpty()) {
      return 0;
    }
    return (double) counted.stream().filter(set::contains).count() / counted.size();
  }
}
