package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosInjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the chaos that hit one pod did to its container up to an instant, worked out from the
 * hits alone (the world keeps instants, not states):
 *
 * <ul>
 *   <li>a container-kill restarts the container (restart count +1); it is ready again after the
 *       deployment's `recovery`;
 *   <li>a pod-failure swaps the container for a pause image for the chaos' duration, as Chaos
 *       Mesh does: a restart when it starts and one when it ends, not ready meanwhile and until
 *       `recovery` after the end;
 *   <li>memory stress that takes the container past its memory limit gets it OOM-killed
 *       (`OOMKilled`); the kubelet restarts it at once the first time, then after a back-off of
 *       10s doubling up to 5m (`BackOff`, the pod in CrashLoopBackOff); the stressor acts on the
 *       restarted container while the chaos lasts, so it is killed again as it starts; once the
 *       chaos is over the next start succeeds and is ready after `recovery`.
 * </ul>
 */
record PodTimeline(int restarts, boolean down, boolean crashLooping, List<Deployment.Event> events) {
  static final PodTimeline QUIET = new PodTimeline(0, false, false, List.of());
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  static PodTimeline of(Deployment.Pod pod, Instant t, long nodeMemory) {
    if (pod.hits.isEmpty()) {
      return QUIET;
    }
    Duration recovery = pod.owner.spec.recovery();
    Instant until = pod.deletedAt != null && pod.deletedAt.isBefore(t) ? pod.deletedAt : t;
    int restarts = 0;
    boolean down = false;
    boolean looping = false;
    List<Deployment.Event> events = new ArrayList<>();
    for (Injected hit : pod.hits) {
      if (hit.start.isAfter(until)) {
        continue;
      }
      Instant end = hit.end();
      switch (hit.action()) {
        case "container-kill" -> {
          restarts++;
          events.add(new Deployment.Event(hit.start, "Started", pod.name));
          down |= t.isBefore(hit.start.plus(recovery));
        }
        case "pod-failure" -> {
          restarts++;
          events.add(new Deployment.Event(hit.start, "Unhealthy", pod.name));
          if (end != null && !end.isAfter(until)) {
            restarts++;
            down |= t.isBefore(end.plus(recovery));
          } else {
            down = true;
          }
        }
        default -> { }
      }
    }
    for (Instant[] window : overLimit(pod, until, nodeMemory)) {
      Instant kill = window[0];
      Instant over = window[1]; // null: still over the limit
      for (int n = 1; ; n++) {
        events.add(new Deployment.Event(kill, "OOMKilled", pod.name));
        Duration backoff = n == 1 ? Duration.ZERO
            : min(FIRST_BACKOFF.multipliedBy(1L << Math.min(n - 2, 20)), MAX_BACKOFF);
        if (n > 1) {
          events.add(new Deployment.Event(kill, "BackOff", pod.name));
        }
        Instant restart = kill.plus(backoff);
        if (restart.isAfter(until)) {
          down = true;
          looping = n > 1;
          break;
        }
        restarts++; // the kubelet counts a restart when it starts the container again
        if (over == null || restart.isBefore(over)) {
          kill = restart; // started under the stressor: killed again as it fills up
          continue;
        }
        down |= t.isBefore(restart.plus(recovery));
        break;
      }
    }
    events.removeIf(e -> e.time().isAfter(until));
    return new PodTimeline(restarts, down, looping, List.copyOf(events));
  }

  /**
   * The spans, up to {@code until}, during which the memory chaos on the pod adds up to more
   * than its container's limit over its use at rest: [start, end), end null while it lasts.
   */
  private static List<Instant[]> overLimit(Deployment.Pod pod, Instant until, long nodeMemory) {
    long limit = pod.owner.spec.container().memoryLimit();
    List<Instant[]> out = new ArrayList<>();
    if (limit <= 0) {
      return out; // no limit: only the node's memory bounds it (eviction)
    }
    TreeSet<Instant> edges = new TreeSet<>();
    for (Injected hit : pod.hits) {
      if (stressBytes(hit, nodeMemory) > 0 && !hit.start.isAfter(until)) {
        edges.add(hit.start);
        if (hit.end() != null && !hit.end().isAfter(until)) {
          edges.add(hit.end());
        }
      }
    }
    Instant[] open = null;
    for (Instant edge : edges) {
      long use = pod.owner.spec.memory();
      for (Injected hit : pod.hits) {
        if (hit.activeAt(edge)) {
          use += stressBytes(hit, nodeMemory);
        }
      }
      if (use > limit && open == null) {
        open = new Instant[] {edge, null};
        out.add(open);
      } else if (use <= limit && open != null) {
        open[1] = edge;
        open = null;
      }
    }
    return out;
  }

  /** The memory a hit's stressors take: each worker its size, or its share of the memory. */
  static long stressBytes(Injected hit, long nodeMemory) {
    ChaosInjection.Stress stress = hit.injection.stress();
    if (stress == null || stress.memoryWorkers() == 0) {
      return 0;
    }
    long each = stress.memoryPercent() > 0
        ? (long) (nodeMemory * stress.memoryPercent() / 100.0) : stress.memoryBytes();
    return Math.multiplyHigh(each, stress.memoryWorkers()) != 0 ? Long.MAX_VALUE
        : each * stress.memoryWorkers();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
