package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.integerOrNull;
import static dev.chaos.drivers.Arguments.jsonObject;
import static dev.chaos.drivers.Arguments.percentOrNull;
import static dev.chaos.drivers.Arguments.smallInteger;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.drivers.ArgumentRules;
import dev.chaos.drivers.Arguments;
import dev.chaos.drivers.k8s.K8sDriver;
import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.KillCount;
import dev.chaos.drivers.kube.WorkloadBlast;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.Preview;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The `k8s` functions on the world's clusters. */
final class K8sBindings {
  private K8sBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    into.put("k8s.selector", (a, c) -> world.k8s(cluster(a))
        .selector(string(a, "namespace"), string(a, "labels", "")).toValue());
    into.put("k8s.pods", (a, c) -> {
      Results.Selector s = selector(a);
      return world.k8s(s.cluster()).pods(s).toValue();
    });
    into.put("k8s.kill_pods", (a, c) -> {
      Results.Selector s = selector(a);
      K8sWorld k8s = world.k8s(s.cluster());
      List<String> pods = k8s.pods(s).names();
      String target = describe(k8s, s);
      KillCount.Decision d = KillCount.decide(pods.size(), percentOrNull(a, "fraction"),
          integerOrNull(a, "count"), c.run().blastRadiusPercent(), target);
      if (!d.note().isEmpty()) {
        c.log("k8s.kill_pods: " + d.note());
      }
      List<String> chosen = pods.subList(0, d.count()); // the sandbox kills the first ones
      if (c.dryRun(Preview.of("kill " + d.count() + " of the " + pods.size() + " pods "
          + target).withTargets(chosen).withShare(d.count(), pods.size(),
          KillCount.verdict(d, pods.size(), c.run().blastRadiusPercent())))) {
        return Value.strings(chosen);
      }
      List<String> killed = k8s.killPods(s, d.count(), duration(a, "grace", Duration.ZERO));
      c.affected(killed.size(), pods.size(), "pods " + target);
      return Value.strings(killed);
    });
    into.put("k8s.apply", (a, c) -> {
      K8sWorld k8s = world.k8s(cluster(a));
      String manifest = string(a, "manifest");
      String namespace = string(a, "namespace", "");
      List<ManifestDocuments.Doc> docs = Manifest.parse(manifest);
      BlastRadius.Share blast = SandboxBlast.hold(k8s, c, docs, namespace);
      String undo = applyUndoDescription(k8s, docs, namespace);
      if (c.dryRun(SandboxBlast.onto(Preview.of("apply " + String.join(", ", plannedRefs(docs))
          + clusterSuffix(k8s)).withTargets(applyTargets(k8s, docs, namespace))
          .withUndo(undo), blast))) {
        return Value.strings(plannedRefs(docs));
      }
      Inverse<List<K8sWorld.Applied>> inverse = Inverse.register(c, undo, (applied, u) -> {
            for (int i = applied.size() - 1; i >= 0; i--) {
              k8s.revert(applied.get(i));
            }
          });
      List<K8sWorld.Applied> applied = inverse.done(k8s.apply(manifest, namespace));
      return Value.strings(applied.stream().map(K8sWorld.Applied::ref).toList());
    });
    into.put("k8s.delete", (a, c) -> {
      K8sWorld k8s = world.k8s(cluster(a));
      String kind = string(a, "kind");
      String name = string(a, "name");
      String namespace = string(a, "namespace", "");
      boolean exists = k8s.exists(kind, name, namespace);
      if (c.dryRun(Preview.of("delete " + ref(kind, name) + where(k8s, namespace)
          + (exists ? "" : ", which does not exist: nothing to delete"))
          .withTargets(exists ? List.of(ref(kind, name) + where(k8s, namespace)) : List.of()))) {
        return Value.bool(exists);
      }
      return Value.bool(k8s.delete(kind, name, namespace));
    });
    into.put("k8s.delete_all", (a, c) -> {
      K8sWorld k8s = world.k8s(cluster(a));
      String kind = string(a, "kind");
      String namespace = string(a, "namespace", "");
      String labels = string(a, "labels", "");
      List<String> doomed = k8s.names(kind, namespace, labels);
      Preview preview = Preview.of("delete every " + Kinds.normalise(kind)
          + (labels.isEmpty() ? "" : " labelled `" + labels + "`") + where(k8s, namespace))
          .withTargets(doomed.stream().map(n -> ref(kind, n)).toList());
      if (!doomed.isEmpty() && (WorkloadBlast.judged(kind)
          || Kinds.normalise(kind).equals("pod"))) {
        String what = (labels.isEmpty() ? "" : "labelled `" + labels + "` ")
            + where(k8s, namespace).strip();
        BlastRadius.Share blast = WorkloadBlast.deleteAll(kind, doomed.size(), what,
            c.run().blastRadiusPercent());
        preview = preview.withShare(blast.count(), blast.of(), blast.verdict());
        if (!c.run().dryRun()) {
          c.affected(blast.count(), blast.of(), Kinds.normalise(kind) + " " + what);
        }
      }
      if (c.dryRun(preview)) {
        return Value.integer(doomed.size());
      }
      return Value.integer(k8s.deleteAll(kind, namespace, labels));
    });
    into.put("k8s.get", (a, c) -> JsonTree.of(world.k8s(cluster(a))
        .get(string(a, "kind"), string(a, "name"), string(a, "namespace", ""))));
    into.put("k8s.exists", (a, c) -> Value.bool(world.k8s(cluster(a))
        .exists(string(a, "kind"), string(a, "name"), string(a, "namespace", ""))));
    into.put("k8s.count", (a, c) -> Value.integer(world.k8s(cluster(a))
        .count(string(a, "kind"), string(a, "namespace", ""), string(a, "labels", ""))));
    into.put("k8s.patch", (a, c) -> {
      K8sWorld k8s = world.k8s(cluster(a));
      String kind = string(a, "kind");
      String name = string(a, "name");
      String namespace = string(a, "namespace", "");
      Map<String, Object> patch = jsonObject(a, "patch");
      Map<String, Object> previous = k8s.get(kind, name, namespace);
      String fields = String.join(", ", leafPaths(patch, ""));
      String undo = "restore " + fields + " of " + ref(kind, name) + where(k8s, namespace);
      if (c.dryRun(Preview.of("patch " + fields + " of " + ref(kind, name)
          + where(k8s, namespace)).withTarget(ref(kind, name) + where(k8s, namespace))
          .withUndo(undo))) {
        return Value.UNIT;
      }
      Inverse<Boolean> inverse = Inverse.register(c, undo,
          (patched, u) -> k8s.restore(kind, name, previous, namespace));
      k8s.patch(kind, name, patch, namespace);
      inverse.done(true);
      return Value.UNIT;
    });
    into.put("k8s.scale", (a, c) -> {
      K8sWorld k8s = world.k8s(cluster(a));
      String kind = string(a, "kind");
      String name = string(a, "name");
      String namespace = string(a, "namespace", "");
      int replicas = smallInteger(a, "replicas");
      if (replicas < 0) {
        throw new IllegalArgumentException("cannot scale " + ref(kind, name) + " to "
            + replicas + " replicas");
      }
      int current = replicasOf(k8s, kind, name, namespace);
      String undo = "scale " + ref(kind, name) + where(k8s, namespace) + " back to " + current
          + " replicas";
      BlastRadius.Share blast = WorkloadBlast.scale(ref(kind, name) + where(k8s, namespace),
          current, replicas, c.run().blastRadiusPercent());
      if (c.dryRun(Preview.of("scale " + ref(kind, name) + where(k8s, namespace) + " from "
          + current + " to " + replicas + " replicas")
          .withTarget(ref(kind, name) + where(k8s, namespace)).withUndo(undo)
          .withShare(blast.count(), blast.of(), blast.verdict()))) {
        return Value.integer(current);
      }
      if (blast.count() > 0) {
        c.affected(blast.count(), blast.of(), "replicas of " + ref(kind, name)
            + where(k8s, namespace));
      }
      Inverse<Integer> inverse = Inverse.register(c, undo,
          (previous, u) -> k8s.scale(kind, name, previous, namespace));
      return Value.integer(inverse.done(k8s.scale(kind, name, replicas, namespace)));
    });
    into.put("k8s.rollout_restart", (a, c) -> {
      K8sWorld k8s = world.k8s(cluster(a));
      String kind = string(a, "kind");
      String name = string(a, "name");
      String namespace = string(a, "namespace", "");
      k8s.rolloutComplete(kind, name, namespace); // fails as the real call would when missing
      if (c.dryRun(Preview.of("restart every pod of " + ref(kind, name) + where(k8s, namespace))
          .withTarget(ref(kind, name) + where(k8s, namespace)))) {
        return Value.UNIT;
      }
      k8s.rolloutRestart(kind, name, namespace);
      return Value.UNIT;
    });
    into.put("k8s.rollout_complete", (a, c) -> Value.bool(world.k8s(cluster(a))
        .rolloutComplete(string(a, "kind"), string(a, "name"), string(a, "namespace", ""))));
    into.put("k8s.hpa", (a, c) -> world.k8s(cluster(a))
        .hpa(string(a, "name"), string(a, "namespace", "")).toValue());
    into.put("k8s.events", (a, c) -> {
      Results.Selector s = selector(a);
      Duration since = duration(a, "since", null);
      // without `since:`, every event of the run: the sandbox world starts with the run
      Instant from = since == null ? null : c.clock().now().minus(since);
      return Value.integer(world.k8s(s.cluster()).events(s, string(a, "reason", null), from));
    });
    into.put("k8s.usage", (a, c) -> {
      Results.Selector s = selector(a);
      return world.k8s(s.cluster()).usage(s).toValue();
    });
    // a kind or label selector the shared rules refuse fails here, as in the other backend
    ArgumentRules.enforce(new K8sDriver().builtins(), into);
  }

  private static String cluster(CallArgs a) {
    return string(a, "cluster", "");
  }

  /** The `selector` argument, moved to the `cluster:` argument's cluster when one is given. */
  private static Results.Selector selector(CallArgs a) {
    Value.Rec rec = Arguments.record(a, "selector");
    String cluster = cluster(a);
    return new Results.Selector(cluster.isEmpty() ? Arguments.field(rec, "cluster") : cluster,
        Arguments.field(rec, "namespace"), Arguments.field(rec, "labels"));
  }

  private static String describe(K8sWorld k8s, Results.Selector s) {
    String where = where(k8s, s.namespace()).strip();
    return s.labels().isEmpty() ? where : "labelled `" + s.labels() + "` " + where;
  }

  private static String where(K8sWorld k8s, String namespace) {
    return " in namespace " + k8s.resolve(namespace) + clusterSuffix(k8s);
  }

  private static String clusterSuffix(K8sWorld k8s) {
    return k8s.cluster().isEmpty() ? "" : " of cluster " + k8s.cluster();
  }

  private static String ref(String kind, String name) {
    return Kinds.normalise(kind) + "/" + name;
  }

  /** What `apply` would return; a generated name is shown with a placeholder suffix. */
  private static List<String> plannedRefs(List<ManifestDocuments.Doc> docs) {
    return docs.stream().map(d -> Kinds.ref(d.kind(), d.apiVersion(), d.shownName())).toList();
  }

  /** Each object `apply` would write, created or changed, where. */
  private static List<String> applyTargets(K8sWorld k8s, List<ManifestDocuments.Doc> docs,
      String namespace) {
    List<String> out = new ArrayList<>();
    for (ManifestDocuments.Doc d : docs) {
      String ns = d.namespace().isEmpty() ? namespace : d.namespace();
      boolean exists = !d.name().isEmpty() && k8s.exists(Kinds.normalise(d.kind(), d.apiVersion()),
          d.name(), ns);
      out.add((exists ? "change " : "create ") + Kinds.ref(d.kind(), d.apiVersion(), d.shownName())
          + where(k8s, ns));
    }
    return out;
  }

  private static String applyUndoDescription(K8sWorld k8s, List<ManifestDocuments.Doc> docs,
      String namespace) {
    List<String> parts = new ArrayList<>();
    for (int i = docs.size() - 1; i >= 0; i--) {
      ManifestDocuments.Doc d = docs.get(i);
      String ns = d.namespace().isEmpty() ? namespace : d.namespace();
      boolean existed = !d.name().isEmpty() && k8s.exists(Kinds.normalise(d.kind(), d.apiVersion()),
          d.name(), ns);
      String name = d.name().isEmpty() ? d.generateName() + "* (generated name)" : d.name();
      parts.add((existed ? "restore the previous " : "delete ")
          + Kinds.ref(d.kind(), d.apiVersion(), name) + where(k8s, ns));
    }
    return String.join("; ", parts);
  }

  private static int replicasOf(K8sWorld k8s, String kind, String name, String namespace) {
    Object replicas = ManifestDocuments.at(k8s.get(kind, name, namespace), "spec", "replicas");
    if (!(replicas instanceof Number n)) {
      throw new SandboxException(ref(kind, name) + " has no replicas to scale");
    }
    return n.intValue();
  }

  /** The dotted paths of a patch's leaves: `spec.engineState`. */
  private static List<String> leafPaths(Map<String, Object> patch, String prefix) {
    List<String> out = new ArrayList<>();
    patch.forEach((key, value) -> {
      if (value instanceof Map<?, ?> inner && !inner.isEmpty()) {
        out.addAll(leafPaths(ManifestDocuments.map(inner), prefix + key + "."));
      } else {
        out.add(prefix + key);
      }
    });
    return out;
  }
}
