package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.sandbox.WorldSpec.ChaosSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chaos object (a PodChaos, a Workflow, ...) that was applied: it acts from the moment it was
 * applied until it is deleted or its `spec.duration` runs out, whichever comes first. What a
 * Chaos Mesh object does is its {@code injections}, acted on the pods they choose
 * ({@link ChaosRun}); {@code effect} is what the world file's `chaos` section says objects of its
 * kind add to series, used only for what the sandbox does not model per pod, and only once the
 * object has chosen pods ({@code targets}, the deployments they belong to).
 */
final class ChaosObject {
  static final ChaosSpec NO_EFFECT = new ChaosSpec("", Map.of(), 0, 0, "");

  final String kind;
  final String namespace;
  final String name;
  final Instant appliedAt;
  final Instant endsAt;
  /** What it adds to series now: {@link #NO_EFFECT} until it acts on a pod the world models. */
  ChaosSpec effect;
  final List<Deployment> targets;
  final List<ChaosInjection> injections;
  Instant deletedAt;

  ChaosObject(String kind, String namespace, String name, Instant appliedAt, Instant endsAt,
      ChaosSpec effect, List<Deployment> targets) {
    this(kind, namespace, name, appliedAt, endsAt, effect, targets, List.of());
  }

  ChaosObject(String kind, String namespace, String name, Instant appliedAt, Instant endsAt,
      ChaosSpec effect, List<Deployment> targets, List<ChaosInjection> injections) {
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.appliedAt = appliedAt;
    this.endsAt = endsAt;
    this.effect = effect;
    this.targets = new ArrayList<>(targets);
    this.injections = List.copyOf(injections);
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
