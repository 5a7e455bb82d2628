package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.DeploymentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A deployment and every pod it ever had, each with the instants it was created, became ready
 * and was deleted. The state at any instant is read from those instants, so the world can be
 * asked about the past (alert rules look back over their `for`) and about the future that is
 * already decided (a killed pod's replacement is ready {@code recovery} after the kill).
 */
final class Deployment {
  /** A pod; {@code replacement} marks one that stands in for a killed pod while it starts. */
  static final class Pod {
    final String name;
    final Instant created;
    final Instant readyAt;
    final boolean replacement;
    Instant deletedAt;

    Pod(String name, Instant created, Instant readyAt, boolean replacement) {
      this.name = name;
      this.created = created;
      this.readyAt = readyAt;
      this.replacement = replacement;
    }

    boolean existsAt(Instant t) {
      return !created.isAfter(t) && (deletedAt == null || t.isBefore(deletedAt));
    }

    boolean readyAt(Instant t) {
      return existsAt(t) && !readyAt.isAfter(t);
    }
  }

  /** An event about a pod, as `kubectl get events` lists them. */
  record Event(Instant time, String reason, String pod) {}

  private record Recommendation(Instant time, int replicas) {}

  final DeploymentSpec spec;
  private final Random random;
  private final List<Pod> pods = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final Deque<Recommendation> recommendations = new ArrayDeque<>();
  /** CPU the traffic needs, spread over the ready pods. */
  private final double load;
  private int replicas;
  private String templateHash;
  private Instant rolloutDoneAt;
  private int lastRecommendation;

  Deployment(DeploymentSpec spec, Instant start, Random random) {
    this.spec = spec;
    this.random = random;
    this.load = spec.cpu() * Math.max(1, spec.replicas());
    this.replicas = spec.replicas();
    this.lastRecommendation = spec.replicas();
    this.templateHash = randomName(10);
    for (int i = 0; i < spec.replicas(); i++) {
      pods.add(new Pod(podName(), start, start, false));
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

  /** Replacements of killed pods still starting at {@code t}: the capacity that is down. */
  double downShareAt(Instant t) {
    long down = pods.stream().filter(p -> p.replacement && p.existsAt(t) && !p.readyAt(t)).count();
    return replicas == 0 ? 0 : Math.min(1.0, (double) down / replicas);
  }

  /** What the pods can give callers at {@code t}: today only the capacity kills took away. */
  PodHealth healthAt(Instant t) {
    return new PodHealth(1 - downShareAt(t), java.time.Duration.ZERO, 0, 1);
  }

  /** Whether a kill or a rollout is still working itself out at {@code t}. */
  boolean disruptedAt(Instant t) {
    return downShareAt(t) > 0 || (rolloutDoneAt != null && t.isBefore(rolloutDoneAt));
  }

  List<Event> events() {
    return events;
  }

  /**
   * Deletes {@code count} pods chosen at random among those not already terminating, after
   * {@code grace}; the controller creates a replacement for each at once, ready after the
   * recovery time.
   */
  List<String> kill(int count, Duration grace, Instant now) {
    List<Pod> candidates = pods.stream().filter(p -> p.existsAt(now) && p.deletedAt == null)
        .toList();
    List<String> killed = new ArrayList<>();
    Instant gone = now.plus(grace);
    for (Pod victim : RandomPicks.pick(candidates, count, random)) {
      victim.deletedAt = gone;
      killed.add(victim.name);
      events.add(new Event(now, "Killing", victim.name));
      Pod replacement = new Pod(podName(), gone, gone.plus(spec.recovery()), true);
      pods.add(replacement);
      events.add(new Event(gone, "Scheduled", replacement.name));
    }
    return killed;
  }

  /** Deletes one pod by name (`k8s.delete("pod", ...)`); the controller replaces it. */
  void killNamed(String podName, Instant now) {
    for (Pod pod : pods) {
      if (pod.name.equals(podName) && pod.existsAt(now)) {
        pod.deletedAt = now;
        events.add(new Event(now, "Killing", pod.name));
        Pod replacement = new Pod(podName(), now, now.plus(spec.recovery()), true);
        pods.add(replacement);
        events.add(new Event(now, "Scheduled", replacement.name));
        return;
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
      Pod pod = new Pod(podName(), now, now.plus(spec.recovery()), false);
      pods.add(pod);
      events.add(new Event(now, "Scheduled", pod.name));
    }
    if (alive.size() > replicas) {
      alive.sort(Comparator.comparing((Pod p) -> p.created).reversed());
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
    for (Pod pod : old) {
      Instant ready = at.plus(spec.recovery());
      pods.add(new Pod(podName(), at, ready, false));
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

  /** CPU of one pod: its share of the load plus what chaos adds to every pod. */
  double cpuPerPodAt(Instant t, double chaosCpu) {
    return load / Math.max(1, readyAt(t)) + chaosCpu;
  }

  /**
   * One sync of the HorizontalPodAutoscaler: the replicas that bring CPU to the target (within
   * the 10% tolerance of Kubernetes), scaling up at once and down only to the highest
   * recommendation of the stabilization window.
   */
  void hpaTick(Instant t, double chaosCpu) {
    WorldSpec.HpaSpec hpa = spec.hpa();
    if (hpa == null) {
      return;
    }
    double utilisation = cpuPerPodAt(t, chaosCpu) / spec.cpuRequest();
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
