package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.integerOrNull;
import static dev.chaos.drivers.Arguments.jsonObject;
import static dev.chaos.drivers.Arguments.percentOrNull;
import static dev.chaos.drivers.Arguments.smallInteger;
import static dev.chaos.drivers.Arguments.string;
import static dev.chaos.drivers.ManifestDocuments.at;

import dev.chaos.drivers.ArgumentRules;
import dev.chaos.drivers.Arguments;
import dev.chaos.drivers.RecordTypes;
import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.KillCount;
import dev.chaos.drivers.kube.WorkloadBlast;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The `k8s` functions on real API servers, one per row of {@link K8sDriver}'s table, with the
 * value shapes, dry-run behaviour, undo descriptions and wording of the sandbox, so that a
 * runbook rehearsed in the sandbox reads the same fields live. Every call runs through
 * {@link K8sCall}: the context's deadline bounds it and an interrupt abandons it.
 *
 * <p>Choices the table leaves open: `kill_pods` picks its pods uniformly at random among the
 * selected pods not already being deleted, and deletes them in parallel ({@link PodKill});
 * label selectors are matched here as well as by the server ({@link LabelSelector}); `scale` and
 * `rollout_restart` write by JSON merge patch ({@link LiveChanges}); `events` without `since:`
 * counts from the start of the run ({@link K8sClients#runStart()}).
 */
public final class LiveK8sBindings {
  private LiveK8sBindings() {}

  /** Puts the implementation of every `k8s` builtin, by qualified name, into {@code into}. */
  public static void bind(K8sClients clients, Map<String, BuiltinImpl> into) {
    into.put("k8s.selector", (a, c) -> {
      clients.checkKnown(cluster(a));
      return selectorValue(cluster(a), string(a, "namespace"), string(a, "labels", ""));
    });
    into.put("k8s.pods", (a, c) -> {
      Selection s = Selection.of(clients, a);
      PodReads.PodCounts p = K8sCall.run(clients, s.cluster, c,
          client -> PodReads.counts(PodReads.selected(client, s.namespace(), s.labels)));
      return RecordTypes.podSet(p.total(), p.ready(), p.names(), p.restarts());
    });
    into.put("k8s.kill_pods", (a, c) -> killPods(clients, a, c));
    into.put("k8s.apply", (a, c) -> Value.strings(LiveApply.apply(clients,
        clients.cluster(cluster(a)), c, string(a, "manifest"), string(a, "namespace", ""))));
    into.put("k8s.delete", (a, c) -> {
      Target t = Target.of(clients, a);
      Map<String, Object> object = K8sCall.run(clients, t.cluster, c, client ->
          KubeObjects.get(client, t.kind, null, t.namespace(), t.name));
      boolean exists = object != null;
      Preview preview = Preview.of("delete " + t.ref() + t.where()
          + (exists ? "" : ", which does not exist: nothing to delete"))
          .withTargets(exists ? List.of(t.ref() + t.where()) : List.of());
      if (exists && WorkloadBlast.judged(t.kind)) {
        int replicas = (int) Rollouts.number(at(object, "spec", "replicas"),
            Rollouts.number(at(object, "status", "desiredNumberScheduled"), 1));
        BlastRadius.Share blast = WorkloadBlast.delete(t.ref() + t.where(), replicas,
            c.run().blastRadiusPercent());
        preview = preview.withShare(blast.count(), blast.of(), blast.verdict());
        if (!c.run().dryRun()) {
          c.affected(blast.count(), blast.of(), "replicas of " + t.ref() + t.where());
        }
      }
      if (c.dryRun(preview)) {
        return Value.bool(exists);
      }
      return Value.bool(K8sCall.run(clients, t.cluster, c,
          client -> KubeObjects.delete(client, t.kind, t.namespace(), t.name)));
    });
    into.put("k8s.delete_all", (a, c) -> {
      K8sClients.Cluster k = clients.cluster(cluster(a));
      String kind = string(a, "kind");
      String namespace = k.resolve(string(a, "namespace", ""));
      String labels = string(a, "labels", "");
      LabelSelector query = LabelSelector.parse(labels);
      List<String> names = K8sCall.run(clients, k, c, client -> KubeObjects.list(client, kind,
          namespace, query).stream().map(PodReads::name).toList());
      String what = (labels.isEmpty() ? "" : "labelled `" + labels + "` ")
          + k.where(namespace).strip();
      Preview preview = Preview.of("delete every " + Kinds.normalise(kind)
          + (labels.isEmpty() ? "" : " labelled `" + labels + "`") + k.where(namespace))
          .withTargets(names.stream().map(n -> Kinds.ref(kind, n)).toList());
      if (!names.isEmpty() && (WorkloadBlast.judged(kind) || Kinds.normalise(kind).equals("pod"))) {
        BlastRadius.Share blast = WorkloadBlast.deleteAll(kind, names.size(), what,
            c.run().blastRadiusPercent());
        preview = preview.withShare(blast.count(), blast.of(), blast.verdict());
        if (!c.run().dryRun()) {
          c.affected(blast.count(), blast.of(), Kinds.normalise(kind) + " " + what);
        }
      }
      if (c.dryRun(preview)) {
        return Value.integer(names.size());
      }
      return Value.integer(K8sCall.run(clients, k, c, client -> {
        int deleted = 0;
        for (String name : names) {
          deleted += KubeObjects.delete(client, kind, namespace, name) ? 1 : 0;
        }
        return deleted;
      }));
    });
    into.put("k8s.get", (a, c) -> {
      Target t = Target.of(clients, a);
      return JsonTree.of(K8sCall.run(clients, t.cluster, c, t::require));
    });
    into.put("k8s.exists", (a, c) -> {
      Target t = Target.of(clients, a);
      return Value.bool(K8sCall.run(clients, t.cluster, c, t::exists));
    });
    into.put("k8s.count", (a, c) -> {
      K8sClients.Cluster k = clients.cluster(cluster(a));
      String kind = string(a, "kind");
      String namespace = k.resolve(string(a, "namespace", ""));
      LabelSelector query = LabelSelector.parse(string(a, "labels", ""));
      return Value.integer(K8sCall.run(clients, k, c,
          client -> KubeObjects.list(client, kind, namespace, query).size()));
    });
    into.put("k8s.patch", (a, c) -> LiveChanges.patch(clients, Target.of(clients, a),
        jsonObject(a, "patch"), c));
    into.put("k8s.scale", (a, c) -> LiveChanges.scale(clients, Target.of(clients, a),
        smallInteger(a, "replicas"), c));
    into.put("k8s.rollout_restart", (a, c) -> LiveChanges.rolloutRestart(clients,
        Target.of(clients, a), c));
    into.put("k8s.rollout_complete", (a, c) -> {
      Target t = Target.of(clients, a);
      t.requireRolloutKind();
      return Value.bool(Rollouts.complete(t.kind, K8sCall.run(clients, t.cluster, c,
          t::require)));
    });
    into.put("k8s.hpa", (a, c) -> {
      Target t = Target.of(clients, a, "horizontalpodautoscaler");
      Map<String, Object> hpa = K8sCall.run(clients, t.cluster, c, t::require);
      return RecordTypes.hpa(Rollouts.number(at(hpa, "status", "currentReplicas"), 0),
          Rollouts.number(at(hpa, "status", "desiredReplicas"), 0),
          Rollouts.number(at(hpa, "spec", "minReplicas"), 1),
          Rollouts.number(at(hpa, "spec", "maxReplicas"), 0));
    });
    into.put("k8s.events", (a, c) -> {
      Selection s = Selection.of(clients, a);
      Duration since = duration(a, "since", null);
      // without `since:`, the events since the start of the run, as the table says
      Instant from = since == null ? clients.runStart() : c.clock().now().minus(since);
      String reason = string(a, "reason", null);
      return Value.integer(K8sCall.run(clients, s.cluster, c, client -> PodReads.events(
          client, s.namespace(), s.labels, s.labelText.isEmpty(), reason, from)));
    });
    into.put("k8s.usage", (a, c) -> {
      Selection s = Selection.of(clients, a);
      PodReads.Usage u = K8sCall.run(clients, s.cluster, c, client -> PodReads.usage(client,
          s.cluster.label(), s.namespace(), PodReads.counts(
              PodReads.selected(client, s.namespace(), s.labels)).names()));
      return RecordTypes.usage(u.cpuCores(), u.memoryBytes());
    });
    // a kind or label selector the shared rules refuse fails here, as in the other backend
    ArgumentRules.enforce(new K8sDriver().builtins(), into);
  }

  private static Value killPods(K8sClients clients, CallArgs a, CallContext c)
      throws InterruptedException {
    Selection s = Selection.of(clients, a);
    Duration grace = duration(a, "grace", Duration.ZERO);
    List<String> pods = K8sCall.run(clients, s.cluster, c, client -> PodReads.selected(client,
        s.namespace(), s.labels).stream().map(PodReads::name).toList());
    String target = s.describe();
    KillCount.Decision d = KillCount.decide(pods.size(), percentOrNull(a, "fraction"),
        integerOrNull(a, "count"), c.run().blastRadiusPercent(), target);
    if (!d.note().isEmpty()) {
      c.log("k8s.kill_pods: " + d.note());
    }
    List<String> chosen = PodKill.choose(pods, d.count(), ThreadLocalRandom.current());
    if (c.dryRun(Preview.of("kill " + d.count() + " of the " + pods.size() + " pods " + target)
        .withTargets(chosen).withShare(d.count(), pods.size(),
            KillCount.verdict(d, pods.size(), c.run().blastRadiusPercent())))) {
      return Value.strings(chosen);
    }
    PodKill.Outcome outcome = K8sCall.run(clients, s.cluster, c,
        client -> PodKill.delete(client, s.namespace(), chosen, grace));
    c.affected(outcome.killed().size(), pods.size(), "pods " + target);
    if (outcome.failure() != null) {
      throw new K8sException(s.cluster.label(), "killed " + outcome.killed().size() + " of the "
          + chosen.size() + " pods chosen, then: "
          + K8sCall.describe(outcome.failure(), Duration.between(c.clock().now(), c.deadline())));
    }
    return Value.strings(outcome.killed());
  }

  static String cluster(CallArgs a) {
    return string(a, "cluster", "");
  }

  static Value.Rec selectorValue(String cluster, String namespace, String labels) {
    return RecordTypes.selector(cluster, namespace, labels);
  }

  /** The pods a `selector` argument names, moved to the `cluster:` argument's cluster. */
  static final class Selection {
    final K8sClients.Cluster cluster;
    final String namespaceText;
    final String labelText;
    final LabelSelector labels;

    private Selection(K8sClients.Cluster cluster, String namespace, String labels) {
      this.cluster = cluster;
      this.namespaceText = namespace;
      this.labelText = labels;
      this.labels = LabelSelector.parse(labels);
    }

    static Selection of(K8sClients clients, CallArgs a) {
      Value.Rec rec = Arguments.record(a, "selector");
      String cluster = cluster(a);
      return new Selection(clients.cluster(cluster.isEmpty()
          ? Arguments.field(rec, "cluster") : cluster),
          Arguments.field(rec, "namespace"), Arguments.field(rec, "labels"));
    }

    String namespace() {
      return cluster.resolve(namespaceText);
    }

    /** "labelled `tier=backend` in namespace shop", as the sandbox says it. */
    String describe() {
      String where = cluster.where(namespaceText).strip();
      return labelText.isEmpty() ? where : "labelled `" + labelText + "` " + where;
    }
  }

  /** One object named by `kind`, `name`, `namespace:` and `cluster:` arguments. */
  static final class Target {
    final K8sClients.Cluster cluster;
    final String kind;
    final String name;
    final String namespaceText;

    private Target(K8sClients.Cluster cluster, String kind, String name, String namespace) {
      this.cluster = cluster;
      this.kind = kind;
      this.name = name;
      this.namespaceText = namespace;
    }

    static Target of(K8sClients clients, CallArgs a) {
      return of(clients, a, string(a, "kind"));
    }

    static Target of(K8sClients clients, CallArgs a, String kind) {
      return new Target(clients.cluster(cluster(a)), kind, string(a, "name"),
          string(a, "namespace", ""));
    }

    String namespace() {
      return cluster.resolve(namespaceText);
    }

    String ref() {
      return Kinds.ref(kind, name);
    }

    String where() {
      return cluster.where(namespaceText);
    }

    boolean exists(KubernetesClient client) {
      return KubeObjects.get(client, kind, null, namespace(), name) != null;
    }

    /** The object; a missing one fails as kubectl says it. */
    Map<String, Object> require(KubernetesClient client) {
      Map<String, Object> object = KubeObjects.get(client, kind, null, namespace(), name);
      if (object == null) {
        throw new K8sException(cluster.label(), Kinds.normalise(kind) + " \"" + name
            + "\" not found in namespace " + namespace());
      }
      return object;
    }

    void requireRolloutKind() {
      if (!Rollouts.KINDS.contains(Kinds.normalise(kind))) {
        throw new K8sException(cluster.label(), ref() + " has no rollout: give a deployment,"
            + " statefulset or daemonset");
      }
    }
  }
}
