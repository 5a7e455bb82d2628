package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.ChaosSpec;
import java.time.Instant;
import java.util.List;

/**
 * A chaos object (a PodChaos, a Workflow, ...) that was applied: it acts from the moment it was
 * applied until it is deleted or its `spec.duration` runs out, whichever comes first, on the
 * deployments its selector picks.
 */
final class ChaosObject {
  final String kind;
  final String namespace;
  final String name;
  final Instant appliedAt;
  final Instant endsAt;
  final ChaosSpec effect;
  final List<Deployment> targets;
  Instant deletedAt;

  ChaosObject(String kind, String namespace, String name, Instant appliedAt, Instant endsAt,
      ChaosSpec effect, List<Deployment> targets) {
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.appliedAt = appliedAt;
    this.endsAt = endsAt;
    this.effect = effect;
    this.targets = List.copyOf(targets);
  }

  boolean activeAt(Instant t) {
    return !t.isBefore(appliedAt) && (endsAt == null || t.isBefore(endsAt))
        && (deletedAt == null || t.isBefore(deletedAt));
  }

  /** Whether it is still running at {@code t} by its own clock (deletion aside). */
  boolean runningAt(Instant t) {
    return !t.isBefore(appliedAt) && (endsAt == null || t.isBefore(endsAt));
  }
}
