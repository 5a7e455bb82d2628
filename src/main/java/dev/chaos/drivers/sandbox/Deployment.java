package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.DeploymentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A deployment and every pod it ever had, each with the instants it was created, became ready
 * and was deleted, the node it runs on, and the chaos that hit it ({@link Injected}). The state at
 * any instant is read from those instants, so the world can be asked about the past (alert rules
 * look back over their `for`) and about the future that is already decided (a killed pod's
 * replacement is ready {@code recovery} after the kill). What callers get from the pods
 * ({@link DeploymentHealth}), their CPU and memory ({@link DeploymentResources}) and the
 * autoscaler ({@link Autoscaler}) have classes of their own.
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

  final DeploymentSpec spec;
  private final Random random;
  private final Nodes nodes;
  private final List<Pod> pods = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final DeploymentHealth health = new DeploymentHealth(this);
  private final DeploymentResources resources;
  private final Autoscaler autoscaler;
  /** Cores that chaos the world file describes by kind adds to every pod (docs/sandbox.md). */
  ToDoubleFunction<Instant> kindCpu = t -> 0;
  private int replicas;
  private String templateHash;
  private Instant rolloutDoneAt;

  Deployment(DeploymentSpec spec, Instant start, Random random, Nodes nodes) {
    this.spec = spec;
    this.random = random;
    this.nodes = nodes;
    this.resources = new DeploymentResources(this);
    this.autoscaler = new Autoscaler(this);
    this.replicas = spec.replicas();
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
  List<Pod> countedAt(Instant t) {
    return pods.stream().filter(p -> p.existsAt(t) && (p.replacement || p.startedAt(t)))
        .toList();
  }

  /** What the pods give a caller that no NetworkChaos `target` names. */
  PodHealth healthAt(Instant t) {
    return health.at(t, null);
  }

  /** What the pods give {@code caller}'s pods at {@code t} ({@link DeploymentHealth#at}). */
  PodHealth healthAt(Instant t, Deployment caller) {
    return health.at(t, caller);
  }

  /** What chaos adds to the p95 of answers at {@code t} ({@link DeploymentHealth}). */
  double p95AddedAt(Instant t, double baseline) {
    return health.p95AddedAt(t, baseline);
  }

  /** Share of requests not answered: pods not serving, and the share lost by those that are. */
  double downShareAt(Instant t) {
    return health.downShareAt(t);
  }

  // ---- resources ({@link DeploymentResources}) ----------------------------------------------

  double baseCpuAt(Instant t) {
    return resources.baseCpuAt(t);
  }

  double cpuUseAt(Pod p, Instant t) {
    return resources.cpuUseAt(p, t);
  }

  double cpuUseAt(Pod p, Instant t, double base) {
    return resources.cpuUseAt(p, t, base);
  }

  double slowdownAt(Pod p, Instant t, double base, Map<String, Double> nodeUse) {
    return resources.slowdownAt(p, t, base, nodeUse);
  }

  long memoryUseAt(Pod p, Instant t) {
    return resources.memoryUseAt(p, t);
  }

  double cpuPerPodAt(Instant t) {
    return resources.cpuPerPodAt(t);
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
    return killPods(RandomPicks.pick(killableAt(now), count, random), grace, now);
  }

  /** The pods a kill may pick at {@code now}: existing and not already terminating. */
  List<Pod> killableAt(Instant now) {
    return pods.stream().filter(p -> p.existsAt(now) && p.deletedAt == null).toList();
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

  /** One sync of the HorizontalPodAutoscaler ({@link Autoscaler}). */
  void hpaTick(Instant t) {
    autoscaler.tick(t);
  }

  int desiredReplicas() {
    return autoscaler.desiredReplicas();
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
