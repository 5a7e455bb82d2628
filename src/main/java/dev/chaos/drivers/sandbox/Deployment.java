package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.sandbox.WorldSpec.DeploymentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A deployment and every pod it ever had, each with the instants it was created, became ready
 * and was deleted, the node it runs on, and the chaos that hit it ({@link Injected}). The state at
 * any instant is read from those instants, so the world can be asked about the past (alert rules
 * look back over their `for`) and about the future that is already decided (a killed pod's
 * replacement is ready {@code recovery} after the kill).
 */
final class Deployment {
  /** A pod; {@code replacement} marks one that stands in for a killed or evicted pod. */
  static final class Pod {
    final String name;
    final Instant created;
    /** When it first became ready; null while it waits for a node. */
    Instant readyAt;
    final boolean replacement;
    final Deployment owner;
    Instant deletedAt;
    /** The node it runs on; "" while Pending. */
    String node = "";
    /** The chaos that acted on it, in the order it started. */
    final List<Injected> hits = new ArrayList<>();

    Pod(String name, Instant created, Instant readyAt, boolean replacement, Deployment owner) {
      this.name = name;
      this.created = created;
      this.readyAt = readyAt;
      this.replacement = replacement;
      this.owner = owner;
    }

    boolean existsAt(Instant t) {
      return !created.isAfter(t) && (deletedAt == null || t.isBefore(deletedAt));
    }

    /** Its container started and ready once, whatever chaos has done since. */
    boolean startedAt(Instant t) {
      return existsAt(t) && readyAt != null && !readyAt.isAfter(t);
    }

    /** Ready: started, and not down from a container kill, a pod failure or an OOM kill. */
    boolean readyAt(Instant t) {
      return startedAt(t) && !owner.timeline(this, t).down();
    }
  }

  /** An event about a pod, as `kubectl get events` lists them. */
  record Event(Instant time, String reason, String pod) {}

  private record Recommendation(Instant time, int replicas) {}

  final DeploymentSpec spec;
  private final Random random;
  private final Nodes nodes;
  private final List<Pod> pods = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final Deque<Recommendation> recommendations = new ArrayDeque<>();
  /** CPU the traffic needs, spread over the ready pods. */
  private final double load;
  /** Cores that chaos the world file describes by kind adds to every pod (docs/sandbox.md). */
  ToDoubleFunction<Instant> kindCpu = t -> 0;
  private int replicas;
  private String templateHash;
  private Instant rolloutDoneAt;
  private int lastRecommendation;

  Deployment(DeploymentSpec spec, Instant start, Random random, Nodes nodes) {
    this.spec = spec;
    this.random = random;
    this.nodes = nodes;
    this.load = spec.cpu() * Math.max(1, spec.replicas());
    this.replicas = spec.replicas();
    this.lastRecommendation = spec.replicas();
    this.templateHash = randomName(10);
    nodes.add(this);
    for (int i = 0; i < spec.replicas(); i++) {
      newPod(start, Duration.ZERO, false);
    }
  }

  String name() {
    return spec.name();
  }

  String namespace() {
    return spec.namespace();
  }

  int replicas() {
    return replicas;
  }

  List<Pod> podsAt(Instant t) {
    return pods.stream().filter(p -> p.existsAt(t)).toList();
  }

  int readyAt(Instant t) {
    return (int) pods.stream().filter(p -> p.readyAt(t)).count();
  }

  PodTimeline timeline(Pod pod, Instant t) {
    return PodTimeline.of(pod, t, nodes.memoryOf(pod.node));
  }

  Nodes nodes() {
    return nodes;
  }

  // ---- what callers get -------------------------------------------------------------------

  /**
   * The pods that count for what callers get at {@code t}: those that exist, less new pods of a
   * scale-up that were never ready yet (they take no traffic and nothing is missing).
   */
  private List<Pod> countedAt(Instant t) {
    return pods.stream().filter(p -> p.existsAt(t) && (p.replacement || p.startedAt(t)))
        .toList();
  }

  /** What the pods give a caller that no NetworkChaos `target` names. */
  PodHealth healthAt(Instant t) {
    return healthAt(t, null);
  }

  /**
   * What the pods give {@code caller}'s pods at {@code t}: a NetworkChaos between the two (one
   * side selected, the other its `target`) acts in proportion to the caller's pods it holds.
   */
  PodHealth healthAt(Instant t, Deployment caller) {
    List<Pod> counted = countedAt(t);
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
    double base = baseCpuAt(t);
    java.util.Map<String, Double> nodeUse = new java.util.HashMap<>();
    for (Pod p : serving) {
      double[] net = network(p, t, caller);
      latency += net[0];
      loss += net[1];
      slowdown += slowdownAt(p, t, base, nodeUse);
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
    double base = baseCpuAt(t);
    java.util.Map<String, Double> nodeUse = new java.util.HashMap<>();
    for (Pod p : countedAt(t)) {
      if (p.readyAt(t)) {
        added.add(network(p, t, null)[2] + (slowdownAt(p, t, base, nodeUse) - 1) * baseline);
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
    if (replicas == 0 && countedAt(t).isEmpty()) {
      return 0; // scaled to nothing on purpose: no pod is missing
    }
    PodHealth h = healthAt(t);
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
        weight = caller == null ? 0 : caller.shareIn(hit.pods.contains(p) ? hit.peers : hit.pods,
            t);
      } else if (!hit.pods.contains(p)) {
        continue;
      }
      if (weight == 0) {
        continue;
      }
      double delay = Quantities.toSeconds(net.latency());
      double jitter = Quantities.toSeconds(net.jitter());
      double transfer = net.rateBitsPerSecond() == 0 ? 0
          : spec.container().responseSize() * 8.0 / net.rateBitsPerSecond();
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

  /** Share of this deployment's counted pods among {@code set} at {@code t}. */
  private double shareIn(java.util.Set<Pod> set, Instant t) {
    List<Pod> counted = countedAt(t);
    if (counted.isEmpty()) {
      return 0;
    }
    return (double) counted.stream().filter(set::contains).count() / counted.size();
  }

  // ---- resources ---------------------------------------------------------------------------

  /** Cores each pod's container asks for at {@code t} without stress: its share of the load. */
  double baseCpuAt(Instant t) {
    return load / Math.max(1, readyAt(t)) + kindCpu.applyAsDouble(t);
  }

  /** Cores a pod's container asks for at {@code t}: {@code base} plus the CPU stress on it. */
  double cpuDemandAt(Pod p, Instant t, double base) {
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
    double limit = spec.container().cpuLimit();
    return limit > 0 ? Math.min(demand, limit) : demand;
  }

  /**
   * How much slower its own work is: throttled past its CPU limit (demand over limit), or
   * sharing a node whose pods want more CPU than it has.
   */
  double slowdownAt(Pod p, Instant t, double base, java.util.Map<String, Double> nodeUse) {
    double demand = cpuDemandAt(p, t, base);
    double limit = spec.container().cpuLimit();
    double throttled = limit > 0 && demand > limit ? demand / limit : 1;
    if (!nodes.bounded() || p.node.isEmpty()) {
      return throttled;
    }
    double node = nodes.cpuOf(p.node);
    double used = nodeUse.computeIfAbsent(p.node, n -> nodes.cpuUsedOn(n, t));
    return Math.max(throttled, used > node ? used / node : 1);
  }

  /**
   * Bytes its container uses at {@code t}: its use at rest plus the memory stress on it, unless
   * that passes its limit (then it is being OOM-killed, and holds what it holds at rest).
   */
  long memoryUseAt(Pod p, Instant t) {
    long use = spec.memory();
    long stress = 0;
    long nodeMemory = nodes.memoryOf(p.node);
    for (Injected hit : p.hits) {
      if (hit.activeAt(t)) {
        stress += PodTimeline.stressBytes(hit, nodeMemory);
        if (stress < 0) {
          stress = Long.MAX_VALUE;
        }
      }
    }
    long limit = spec.container().memoryLimit();
    long total = stress > Long.MAX_VALUE - use ? Long.MAX_VALUE : use + stress;
    return limit > 0 && total > limit ? use : total;
  }

  /** The restarts of the pod's container up to {@code t}. */
  int restartsAt(Pod p, Instant t) {
    return timeline(p, t).restarts();
  }

  /** The pods' events up to {@code now}: kills, scheduling, and what chaos did to containers. */
  List<Event> events(Instant now) {
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (!e.time().isAfter(now)) {
        out.add(e);
      }
    }
    for (Pod p : pods) {
      if (!p.hits.isEmpty() && !p.created.isAfter(now)) {
        out.addAll(timeline(p, now).events());
      }
    }
    out.sort(Comparator.comparing(Event::time));
    return out;
  }

  /** Whether a kill, a rollout or chaos on its pods is still working itself out at {@code t}. */
  boolean disruptedAt(Instant t) {
    if (rolloutDoneAt != null && t.isBefore(rolloutDoneAt)) {
      return true;
    }
    for (Pod p : pods) {
      if (p.existsAt(t) && (p.replacement && !p.readyAt(t)
          || p.hits.stream().anyMatch(h -> h.activeAt(t)) || p.startedAt(t) && !p.readyAt(t))) {
        return true;
      }
    }
    return false;
  }

  // ---- changes -----------------------------------------------------------------------------

  /**
   * Deletes {@code count} pods chosen at random among those not already terminating, after
   * {@code grace}; the controller creates a replacement for each at once, ready after the
   * recovery time.
   */
  List<String> kill(int count, Duration grace, Instant now) {
    List<Pod> candidates = pods.stream().filter(p -> p.existsAt(now) && p.deletedAt == null)
        .toList();
    return killPods(RandomPicks.pick(candidates, count, random), grace, now);
  }

  /** Deletes these pods after {@code grace}; each is replaced at once. */
  List<String> killPods(List<Pod> victims, Duration grace, Instant now) {
    List<String> killed = new ArrayList<>();
    Instant gone = now.plus(grace);
    for (Pod victim : victims) {
      if (!victim.existsAt(now) || victim.deletedAt != null) {
        continue;
      }
      victim.deletedAt = gone;
      nodes.changed();
      killed.add(victim.name);
      events.add(new Event(now, "Killing", victim.name));
      newPod(gone, spec.recovery(), true);
    }
    return killed;
  }

  /** Deletes one pod by name (`k8s.delete("pod", ...)`); the controller replaces it. */
  void killNamed(String podName, Instant now) {
    for (Pod pod : pods) {
      if (pod.name.equals(podName) && pod.existsAt(now)) {
        killPods(List.of(pod), Duration.ZERO, now);
        return;
      }
    }
  }

  /** The kubelet evicts the pod (node memory pressure); the controller replaces it. */
  void evict(Pod pod, Instant now) {
    pod.deletedAt = now;
    nodes.changed();
    events.add(new Event(now, "Evicted", pod.name));
    newPod(now, spec.recovery(), true);
  }

  /** Places the Pending pods on a node that has room now; they are ready after recovery. */
  void schedulePending(Instant t) {
    for (Pod p : pods) {
      if (p.existsAt(t) && p.node.isEmpty()) {
        String node = nodes.place(p, t);
        if (!node.isEmpty()) {
          p.node = node;
          p.readyAt = t.plus(spec.recovery());
          events.add(new Event(t, "Scheduled", p.name));
        }
      }
    }
  }

  /** Sets the desired replicas; new pods are ready after the recovery time. */
  int scale(int target, Instant now) {
    if (target > WorldLoader.MAX_REPLICAS) {
      throw new SandboxException("the sandbox runs at most " + WorldLoader.MAX_REPLICAS
          + " replicas of a deployment, not " + target + " (`" + spec.name() + "`)");
    }
    int previous = replicas;
    replicas = Math.max(0, target);
    List<Pod> alive = new ArrayList<>(
        pods.stream().filter(p -> p.existsAt(now) && p.deletedAt == null).toList());
    for (int i = alive.size(); i < replicas; i++) {
      newPod(now, spec.recovery(), false);
    }
    if (alive.size() > replicas) {
      alive.sort(Comparator.comparing((Pod p) -> p.created).reversed());
      nodes.changed();
      for (Pod pod : alive.subList(0, alive.size() - replicas)) {
        pod.deletedAt = now;
        events.add(new Event(now, "Killing", pod.name));
      }
    }
    return previous;
  }

  /**
   * Replaces the pods one at a time, each new pod started before its old one goes (maxSurge 1,
   * maxUnavailable 0), so no capacity is lost.
   */
  void rolloutRestart(Instant now) {
    templateHash = randomName(10);
    List<Pod> old = pods.stream().filter(p -> p.existsAt(now) && p.deletedAt == null).toList();
    Instant at = now;
    nodes.changed();
    for (Pod pod : old) {
      Instant ready = at.plus(spec.recovery());
      newPod(at, spec.recovery(), false);
      pod.deletedAt = ready;
      events.add(new Event(ready, "Killing", pod.name));
      at = ready;
    }
    rolloutDoneAt = at;
  }

  boolean rolloutCompleteAt(Instant t) {
    return (rolloutDoneAt == null || !t.isBefore(rolloutDoneAt)) && readyAt(t) == replicas
        && podsAt(t).size() == replicas;
  }

  /** CPU of one pod: its share of the load plus what chaos adds, within its limit. */
  double cpuPerPodAt(Instant t) {
    List<Pod> running = podsAt(t);
    if (running.isEmpty()) {
      return baseCpuAt(t);
    }
    double base = baseCpuAt(t);
    return running.stream().mapToDouble(p -> cpuUseAt(p, t, base)).average().orElse(0);
  }

  /**
   * One sync of the HorizontalPodAutoscaler: the replicas that bring CPU to the target (within
   * the 10% tolerance of Kubernetes), scaling up at once and down only to the highest
   * recommendation of the stabilization window.
   */
  void hpaTick(Instant t) {
    WorldSpec.HpaSpec hpa = spec.hpa();
    if (hpa == null) {
      return;
    }
    double utilisation = cpuPerPodAt(t) / spec.cpuRequest();
    double ratio = utilisation / hpa.targetCpu();
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
      scale(recommended, t);
    } else if (stabilised < replicas) {
      scale(stabilised, t);
    }
  }

  int desiredReplicas() {
    return spec.hpa() == null ? replicas : lastRecommendation;
  }

  /** A new pod created at {@code at}, placed on a node, ready {@code startup} later. */
  private Pod newPod(Instant at, Duration startup, boolean replacement) {
    Pod pod = new Pod(podName(), at, at.plus(startup), replacement, this);
    pods.add(pod);
    pod.node = nodes.place(pod, at);
    if (pod.node.isEmpty()) {
      pod.readyAt = null;
      events.add(new Event(at, "FailedScheduling", pod.name));
    } else if (!startup.isZero()) {
      events.add(new Event(at, "Scheduled", pod.name));
    }
    return pod;
  }

  private String podName() {
    return spec.name() + "-" + templateHash + "-" + randomName(5);
  }

  private String randomName(int length) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
