package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.drivers.kube.CronSchedule;
import dev.chaos.drivers.kube.SelectionMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the injections of an applied Chaos Mesh object on the world's pods: each starts at its
 * offset (a Workflow's serial steps), or at each time of its Schedule, chooses its pods then
 * (the selector and mode of {@code drivers.kube}, as the live drivers count them; among the
 * matches, the world's seeded random picks which), in its `remoteCluster` when it names one,
 * and acts on them until it ends or its object is deleted.
 */
final class ChaosRun {
  /** The actions the world models on pods; other kinds act through the world's `chaos` deltas. */
  private static final Set<String> MODELLED_KINDS = Set.of("PodChaos", "NetworkChaos",
      "StressChaos");
  /** A Schedule runs at most this often in one world; beyond, the world would only grow. */
  static final int MAX_SCHEDULED_RUNS = 10_000;

  private ChaosRun() {}

  /** Whether the world models what it does to pods (else the world file's `chaos` deltas). */
  static boolean modelled(ChaosInjection i) {
    return MODELLED_KINDS.contains(i.kind())
        && (i.stress() == null || i.stress().cpuWorkers() > 0 || i.stress().memoryWorkers() > 0);
  }

  /**
   * Refuses, before anything is stored, what the sandbox cannot run: a `remoteCluster` the
   * world does not have, a chaos that runs only on a Task's output.
   */
  static void check(World world, List<ChaosInjection> injections) {
    for (ChaosInjection i : injections) {
      if (!i.remoteCluster().isEmpty()) {
        try {
          world.k8s(i.remoteCluster());
        } catch (SandboxException e) {
          throw new SandboxException(i.subject() + " `remoteCluster`: " + e.getMessage());
        }
      }
      if (!i.timing().condition().isEmpty()) {
        throw new SandboxException(i.timing().condition() + "; the sandbox runs no container,"
            + " so it cannot tell whether it runs: split the workflow, or run it live");
      }
    }
  }

  /** Schedules every start of the object's injections, the first ones now. */
  static void plan(K8sWorld home, ChaosObject object, Instant now) {
    for (ChaosInjection i : object.injections) {
      Instant first = now.plus(i.timing().startAfter());
      if (i.timing().schedule().isEmpty()) {
        home.at(first, t -> start(home, object, i, t));
      } else {
        CronSchedule cron = CronSchedule.parse(i.subject() + " `schedule`", i.timing().schedule());
        Instant until = i.timing().scheduleFor() == null ? null
            : first.plus(i.timing().scheduleFor());
        Instant next = cron.next(first);
        if (next != null) {
          home.at(next, t -> scheduled(home, object, i, cron, until, t, new ArrayList<>(), 1));
        }
      }
    }
  }

  /** One run of a Schedule, then the next one, while the object lasts. */
  private static void scheduled(K8sWorld home, ChaosObject object, ChaosInjection i,
      CronSchedule cron, Instant until, Instant t, List<Injected> runs, int count) {
    if (!alive(object, t) || object.endsAt != null && !t.isBefore(object.endsAt)
        || until != null && !t.isBefore(until)) {
      return;
    }
    boolean busy = i.timing().concurrencyPolicy().equals("Forbid")
        && runs.stream().anyMatch(r -> r.activeAt(t));
    if (!busy) {
      Injected run = start(home, object, i, t);
      if (run != null) {
        runs.add(run);
      }
    }
    Instant next = cron.next(t);
    if (next != null && count < MAX_SCHEDULED_RUNS) {
      home.at(next, u -> scheduled(home, object, i, cron, until, u, runs, count + 1));
    }
  }

  /** Starts one injection at {@code t}: chooses its pods and acts on them. */
  static Injected start(K8sWorld home, ChaosObject object, ChaosInjection i, Instant t) {
    if (!alive(object, t) || i.selection() == null) {
      return null;
    }
    K8sWorld cluster = i.remoteCluster().isEmpty() ? home : home.world().k8s(i.remoteCluster());
    List<Deployment.Pod> pods = cluster.choose(i.selection(), t);
    if (i.action().equals("container-kill")) {
      pods = pods.stream()
          .filter(p -> i.containerNames().contains(p.owner.spec.container().name())).toList();
    }
    List<Deployment.Pod> peers = i.network() != null && i.network().target() != null
        ? cluster.choose(i.network().target(), t) : List.of();
    if (pods.isEmpty()) {
      return null;
    }
    home.world().chaosStarted(t);
    for (Deployment.Pod p : pods) {
      if (!object.targets.contains(p.owner)) {
        object.targets.add(p.owner);
      }
    }
    if (!modelled(i)) {
      // what the world file says its kind adds (an IOChaos in a Schedule is an iochaos)
      WorldSpec.ChaosSpec declared = home.world().spec().chaos()
          .get(dev.chaos.drivers.kube.Kinds.normalise(i.kind()));
      if (declared != null) {
        object.effect = declared;
      }
      return null;
    }
    if (i.action().equals("pod-kill")) {
      Map<Deployment, List<Deployment.Pod>> byOwner = new LinkedHashMap<>();
      pods.forEach(p -> byOwner.computeIfAbsent(p.owner, d -> new ArrayList<>()).add(p));
      byOwner.forEach((d, victims) -> d.killPods(victims, i.gracePeriod(), t));
      return null;
    }
    Injected run = new Injected(object, i, t, pods, peers);
    cluster.nodes().changed(); // what the pods use changes
    for (Deployment.Pod p : pods) {
      p.hits.add(run);
    }
    for (Deployment.Pod p : peers) {
      if (!pods.contains(p)) {
        p.hits.add(run);
      }
    }
    return run;
  }

  private static boolean alive(ChaosObject object, Instant t) {
    return object.deletedAt == null || t.isBefore(object.deletedAt);
  }

  /** How many of {@code matched} pods a selection hits now: random-max-percent draws it. */
  static int count(ChaosSelection selection, int matched, java.util.Random random) {
    int count = selection.mode().count(matched);
    if (selection.mode().mode().equals(SelectionMode.RANDOM_MAX_PERCENT)) {
      count = random.nextInt(count + 1);
    }
    return count;
  }

  /** The end of the last injection of an object that ends; null when one lasts or repeats. */
  static Instant endOf(List<ChaosInjection> injections, Instant appliedAt) {
    Instant end = appliedAt;
    for (ChaosInjection i : injections) {
      boolean scheduled = !i.timing().schedule().isEmpty();
      if (scheduled && i.timing().scheduleFor() == null
          || !scheduled && i.duration() == null && !i.oneShot()) {
        return null;
      }
      Duration length = scheduled ? i.timing().scheduleFor().plus(i.duration() == null
          ? Duration.ZERO : i.duration()) : i.oneShot() ? Duration.ZERO : i.duration();
      Instant e = appliedAt.plus(i.timing().startAfter()).plus(length);
      end = e.isAfter(end) ? e : end;
    }
    return end;
  }
}
