package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosInjection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One run of an injection on the pods it chose when it started: from {@code start} until its
 * duration runs out or its object is deleted, whichever comes first. {@code peers} are the pods
 * of a NetworkChaos `target`; {@code peered} says the effect is only between {@code pods} and
 * those peers or the `externalTargets` (none of which is a pod of the world).
 */
final class Injected {
  final ChaosObject source;
  final ChaosInjection injection;
  final Instant start;
  private final Instant plannedEnd;
  final Set<Deployment.Pod> pods;
  final Set<Deployment.Pod> peers;
  final boolean peered;

  Injected(ChaosObject source, ChaosInjection injection, Instant start, List<Deployment.Pod> pods,
      List<Deployment.Pod> peers) {
    this.source = source;
    this.injection = injection;
    this.start = start;
    this.plannedEnd = injection.duration() == null ? null : start.plus(injection.duration());
    this.pods = Set.copyOf(pods);
    this.peers = Set.copyOf(peers);
    this.peered = injection.network() != null && (injection.network().target() != null
        || !injection.network().externalTargets().isEmpty());
  }

  /** When it stops: its duration's end or its object's deletion; null while neither is known. */
  Instant end() {
    Instant deleted = source.deletedAt;
    if (deleted == null) {
      return plannedEnd;
    }
    return plannedEnd == null || deleted.isBefore(plannedEnd) ? deleted : plannedEnd;
  }

  boolean activeAt(Instant t) {
    Instant end = end();
    return !t.isBefore(start) && (end == null || t.isBefore(end));
  }

  String action() {
    return injection.action();
  }
}
