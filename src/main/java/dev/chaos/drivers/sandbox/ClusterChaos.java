package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.kube.ChaosInjections;
import dev.chaos.drivers.kube.GoDuration;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.sandbox.WorldSpec.ChaosSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chaos objects applied to one cluster and what they do: a Chaos Mesh object's injections
 * act on the pods they choose ({@link ChaosRun}); an object of a kind the world file lists under
 * `chaos` acts as the world file says ({@link ChaosTargets}).
 */
final class ClusterChaos {
  private final K8sWorld k8s;
  private final List<ChaosObject> objects = new ArrayList<>();

  ClusterChaos(K8sWorld k8s) {
    this.k8s = k8s;
  }

  /**
   * What a Chaos Mesh object does ({@link ChaosInjections}); nothing for other objects (Litmus
   * and Argo objects act through the world file's `chaos` section).
   */
  static List<ChaosInjection> injections(ManifestDocuments.Doc doc, String namespace) {
    if (!Kinds.groupOf(doc.apiVersion()).equals(Kinds.CHAOS_MESH)) {
      return List.of();
    }
    try {
      return ChaosInjections.of(doc, namespace);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(e.getMessage());
    }
  }

  /**
   * A new object was stored: if it is chaos, it starts acting; {@code runFor} (a workflow
   * step's) overrides its `spec.duration`.
   */
  void created(ObjectKey key, Map<String, Object> tree, Instant now, Duration runFor) {
    List<ChaosInjection> injections = injections(new ManifestDocuments.Doc(
        ManifestDocuments.text(tree.get("kind")), ManifestDocuments.text(tree.get("apiVersion")),
        key.name(), "", key.namespace(), tree), key.namespace());
    ChaosSpec effect = k8s.world().spec().chaos().get(key.kind());
    if (!injections.isEmpty()) {
      runInjections(key, tree, injections, now);
    } else if (effect != null) {
      startChaos(key, tree, effect, now, runFor);
    }
  }

  /** The object was deleted: the chaos it made stops. */
  void deleted(ObjectKey key, Instant now) {
    for (ChaosObject c : objects) {
      if (c.kind.equals(key.kind()) && c.namespace.equals(key.namespace())
          && c.name.equals(key.name()) && c.deletedAt == null) {
        c.deletedAt = now;
      }
    }
  }

  List<ChaosObject> objects() {
    return objects;
  }

  boolean activeAt(Instant t) {
    return objects.stream().anyMatch(c -> c.activeAt(t));
  }

  /** Extra cores per pod that active chaos puts on a deployment. */
  double cpuOn(Deployment d, Instant t) {
    double extra = 0;
    for (ChaosObject c : objects) {
      if (c.activeAt(t) && c.targets.contains(d)) {
        extra += c.effect.cpu();
      }
    }
    return extra;
  }

  /** A Chaos Mesh object: its injections act on the pods they choose ({@link ChaosRun}). */
  private void runInjections(ObjectKey key, Map<String, Object> tree,
      List<ChaosInjection> injections, Instant now) {
    Object specDuration = ManifestDocuments.at(tree, "spec", "duration");
    boolean plain = injections.size() == 1 && injections.get(0).timing().startAfter().isZero()
        && injections.get(0).timing().schedule().isEmpty()
        && !Kinds.normalise(key.kind()).startsWith("workflow");
    Instant endsAt = plain ? (specDuration == null ? null
        : now.plus(injections.get(0).duration())) : ChaosRun.endOf(injections, now);
    ChaosObject object = new ChaosObject(key.kind(), key.namespace(), key.name(), now, endsAt,
        ChaosObject.NO_EFFECT, List.of(), injections);
    objects.add(object);
    k8s.world().chaosStarted(now);
    ChaosRun.plan(k8s, object, now);
    k8s.runDue(now);
  }

  private void startChaos(ObjectKey key, Map<String, Object> tree, ChaosSpec effect,
      Instant now, Duration runFor) {
    Object specDuration = ManifestDocuments.at(tree, "spec", "duration");
    Duration duration = runFor != null ? runFor
        : specDuration == null ? null : goDuration(key, specDuration.toString());
    List<Deployment> targets = ChaosTargets.of(tree, effect, k8s.deployments(),
        key.namespace());
    ChaosObject object = new ChaosObject(key.kind(), key.namespace(), key.name(), now,
        duration == null ? null : now.plus(duration), effect, targets);
    objects.add(object);
    k8s.world().chaosStarted(now);
    for (Deployment target : targets) {
      int pods = target.podsAt(now).size();
      int kills = ChaosTargets.kills(tree, effect, pods);
      if (kills > 0) {
        target.kill(kills, Duration.ZERO, now);
      }
    }
  }

  /** A `spec.duration` as the chaos tools write it: a Go duration (`30s`, `1500000us`). */
  private static Duration goDuration(ObjectKey key, String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(key.kind() + " `" + key.name() + "` `spec.duration` "
          + e.getMessage());
    }
  }
}
