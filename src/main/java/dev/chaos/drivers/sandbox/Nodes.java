package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.NodeSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of one cluster and the pods on them. The scheduler places a new pod on the node with
 * the least memory requested that still fits its request and is not under memory pressure
 * (Kubernetes taints such a node, and keeps the taint for the kubelet's
 * eviction-pressure-transition-period, 5m, after it evicted); a pod that fits nowhere stays Pending (`FailedScheduling`)
 * until a node has room. On every tick the kubelet of a node whose pods use more memory than it
 * gives evicts pods (`Evicted`), first the one using most above its request, until the rest fit;
 * their deployment replaces them on another node.
 *
 * <p>A cluster without nodes in the world file runs on three nodes that never run out.
 */
final class Nodes {
  /** The kubelet's eviction-pressure-transition-period: how long a node stays tainted. */
  static final java.time.Duration PRESSURE_TRANSITION = java.time.Duration.ofMinutes(5);
  private static final long UNBOUNDED_MEMORY = Long.MAX_VALUE / 4;
  private static final double UNBOUNDED_CPU = 1e12;

  private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
  private final List<Deployment> deployments = new ArrayList<>();
  /** Whether the world file gave the nodes: else they never run out, and nothing is counted. */
  private final boolean bounded;
  private int placed;
  /** Until when a node that evicted keeps its memory-pressure taint. */
  private final Map<String, Instant> taintedUntil = new LinkedHashMap<>();
  /**
   * Memory requested and used on each node, counted once per instant and kept up to date as the
   * scheduler places pods at that instant: placing many pods reads them once, not per pod.
   */
  private Instant countedAt;
  private Map<String, long[]> counted;

  Nodes(List<NodeSpec> specs) {
    bounded = !specs.isEmpty();
    if (specs.isEmpty()) {
      for (int i = 1; i <= 3; i++) {
        String name = "sandbox-node-" + i;
        nodes.put(name, new NodeSpec(name, UNBOUNDED_CPU, UNBOUNDED_MEMORY,
            Map.of("kubernetes.io/hostname", name)));
      }
    } else {
      specs.forEach(n -> nodes.put(n.name(), n));
    }
  }

  boolean bounded() {
    return bounded;
  }

  void add(Deployment d) {
    deployments.add(d);
  }

  NodeSpec node(String name) {
    return nodes.get(name);
  }

  Map<String, String> labels(String node) {
    NodeSpec n = nodes.get(node);
    return n == null ? Map.of() : n.labels();
  }

  long memoryOf(String node) {
    NodeSpec n = nodes.get(node);
    return n == null ? 0 : n.memory();
  }

  double cpuOf(String node) {
    NodeSpec n = nodes.get(node);
    return n == null ? UNBOUNDED_CPU : n.cpu();
  }

  /** Places a new pod at {@code t}: its node, or "" when none has room (Pending). */
  String place(Deployment.Pod pod, Instant t) {
    if (!bounded) {
      List<String> names = List.copyOf(nodes.keySet());
      return names.get(placed++ % names.size());
    }
    long request = pod.owner.spec.container().memoryRequest();
    Map<String, long[]> now = counted(t);
    String chosen = nodes.values().stream()
        .filter(n -> now.get(n.name())[0] + request <= n.memory() && !underPressure(n, t, now))
        .min(Comparator.comparingLong((NodeSpec n) -> now.get(n.name())[0])
            .thenComparing(NodeSpec::name))
        .map(NodeSpec::name).orElse("");
    if (!chosen.isEmpty()) {
      now.get(chosen)[0] += request;
      now.get(chosen)[1] += pod.owner.spec.memory();
    }
    return chosen;
  }

  /** Forgets the counts: a pod went away or chaos changed what one uses. */
  void changed() {
    countedAt = null;
  }

  /** Each node's memory requested [0] and used [1] at {@code t}. */
  private Map<String, long[]> counted(Instant t) {
    if (t.equals(countedAt)) {
      return counted;
    }
    Map<String, long[]> out = new LinkedHashMap<>();
    nodes.keySet().forEach(n -> out.put(n, new long[2]));
    for (Deployment d : deployments) {
      for (Deployment.Pod p : d.podsAt(t)) {
        long[] c = out.get(p.node);
        if (c != null) {
          c[0] += d.spec.container().memoryRequest();
          c[1] = saturatedAdd(c[1], d.memoryUseAt(p, t));
        }
      }
    }
    countedAt = t;
    counted = out;
    return out;
  }

  /** The pods on a node at {@code t}. */
  List<Deployment.Pod> podsOn(String node, Instant t) {
    List<Deployment.Pod> out = new ArrayList<>();
    for (Deployment d : deployments) {
      for (Deployment.Pod p : d.podsAt(t)) {
        if (p.node.equals(node)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  long memoryUsedOn(String node, Instant t) {
    long used = 0;
    for (Deployment.Pod p : podsOn(node, t)) {
      used = saturatedAdd(used, p.owner.memoryUseAt(p, t));
    }
    return used;
  }

  /** Cores the pods on a node use at {@code t}, each within its limit. */
  double cpuUsedOn(String node, Instant t) {
    double used = 0;
    for (Deployment d : deployments) {
      double base = -1; // each deployment's load share, read once
      for (Deployment.Pod p : d.podsAt(t)) {
        if (p.node.equals(node)) {
          base = base < 0 ? d.baseCpuAt(t) : base;
          used += d.cpuUseAt(p, t, base);
        }
      }
    }
    return used;
  }

  /** One kubelet sync: evicts under memory pressure, then schedules what is Pending. */
  void tick(Instant t) {
    if (!bounded) {
      return;
    }
    changed(); // chaos may have started or ended since the last count
    for (NodeSpec n : nodes.values()) {
      while (memoryUsedOn(n.name(), t) > n.memory()) {
        Deployment.Pod victim = podsOn(n.name(), t).stream()
            .filter(p -> p.deletedAt == null)
            .max(Comparator.comparingLong((Deployment.Pod p) -> p.owner.memoryUseAt(p, t)
                - p.owner.spec.container().memoryRequest()).thenComparing(p -> p.name))
            .orElse(null);
        if (victim == null) {
          break;
        }
        taintedUntil.put(n.name(), t.plus(PRESSURE_TRANSITION));
        victim.owner.evict(victim, t);
        changed();
      }
    }
    for (Deployment d : deployments) {
      d.schedulePending(t);
    }
  }

  private boolean underPressure(NodeSpec n, Instant t, Map<String, long[]> now) {
    Instant tainted = taintedUntil.get(n.name());
    return tainted != null && t.isBefore(tainted) || now.get(n.name())[1] > n.memory();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
