package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.at;
import static dev.chaos.drivers.ManifestDocuments.map;

import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.WorkloadBlast;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The `k8s` functions that change one object by a JSON merge patch: `patch` and `scale`, whose
 * inverses put the previous values back, and `rollout_restart`. An inverse is registered
 * before the write and armed just before the request goes out, so that a request abandoned in
 * flight (which the server may still have applied) is undone too.
 */
final class LiveChanges {
  private LiveChanges() {}

  private static final List<String> SCALABLE = List.of("deployment", "statefulset",
      "replicaset");

  static Value patch(K8sClients clients, LiveK8sBindings.Target t, Map<String, Object> patch,
      CallContext c) throws InterruptedException {
    Map<String, Object> previous = K8sCall.run(clients, t.cluster, c, t::require);
    String fields = String.join(", ", leafPaths(patch, ""));
    String undo = "restore " + fields + " of " + t.ref() + t.where();
    if (c.dryRun(Preview.of("patch " + fields + " of " + t.ref() + t.where())
        .withTarget(t.ref() + t.where()).withUndo(undo))) {
      return Value.UNIT;
    }
    Map<String, Object> inverse = inverse(patch, previous);
    AtomicBoolean sent = new AtomicBoolean();
    InFlight inFlight = new InFlight();
    c.registerUndo(undo, K8sRecipes.restoreFields(t, inverse), u -> {
      inFlight.settle(u); // a patch that lands late must not land after its inverse
      if (sent.get()) {
        K8sCall.run(clients, t.cluster, u, client -> {
          KubeObjects.mergeAndUpdate(client, t.kind, t.namespace(), t.name, inverse);
          return null;
        });
      }
    });
    K8sCall.mutate(clients, t.cluster, c, inFlight, client -> {
      sent.set(true);
      return KubeObjects.mergePatch(client, t.kind, null, t.namespace(), t.name, patch);
    });
    return Value.UNIT;
  }

  static Value scale(K8sClients clients, LiveK8sBindings.Target t, int replicas, CallContext c)
      throws InterruptedException {
    if (replicas < 0) {
      throw new IllegalArgumentException("cannot scale " + t.ref() + " to " + replicas
          + " replicas");
    }
    if (!SCALABLE.contains(Kinds.normalise(t.kind))) {
      throw new K8sException(t.cluster.label(), t.ref() + " cannot be scaled: give a"
          + " deployment, statefulset or replicaset");
    }
    Map<String, Object> object = K8sCall.run(clients, t.cluster, c, t::require);
    if (!(at(object, "spec", "replicas") instanceof Number n)) {
      throw new K8sException(t.cluster.label(), t.ref() + " has no replicas to scale");
    }
    int current = n.intValue();
    String undo = "scale " + t.ref() + t.where() + " back to " + current + " replicas";
    BlastRadius.Share blast = WorkloadBlast.scale(t.ref() + t.where(), current, replicas,
        c.run().blastRadiusPercent());
    if (c.dryRun(Preview.of("scale " + t.ref() + t.where() + " from " + current + " to "
        + replicas + " replicas").withTarget(t.ref() + t.where()).withUndo(undo)
        .withShare(blast.count(), blast.of(), blast.verdict()))) {
      return Value.integer(current);
    }
    if (blast.count() > 0) {
      c.affected(blast.count(), blast.of(), "replicas of " + t.ref() + t.where());
    }
    AtomicBoolean sent = new AtomicBoolean();
    InFlight inFlight = new InFlight();
    c.registerUndo(undo, K8sRecipes.setReplicas(t, current), u -> {
      inFlight.settle(u); // a scale that lands late must not land after its inverse
      if (sent.get()) {
        K8sCall.run(clients, t.cluster, u, client -> setReplicas(client, t, current));
      }
    });
    K8sCall.mutate(clients, t.cluster, c, inFlight, client -> {
      sent.set(true);
      return setReplicas(client, t, replicas);
    });
    return Value.integer(current);
  }

  /**
   * Sets `spec.replicas` by a merge patch rather than the scale subresource, which the lab's
   * mock API does not serve; the controller reads the same field either way.
   */
  private static Map<String, Object> setReplicas(io.fabric8.kubernetes.client.KubernetesClient
      client, LiveK8sBindings.Target t, int replicas) {
    return KubeObjects.mergePatch(client, t.kind, null, t.namespace(), t.name,
        Map.of("spec", Map.of("replicas", replicas)));
  }

  /** Restarts the pods as `kubectl rollout restart` does: a new `restartedAt` annotation. */
  static Value rolloutRestart(K8sClients clients, LiveK8sBindings.Target t, CallContext c)
      throws InterruptedException {
    t.requireRolloutKind();
    K8sCall.run(clients, t.cluster, c, t::require); // a missing object fails here, dry or not
    if (c.dryRun(Preview.of("restart every pod of " + t.ref() + t.where())
        .withTarget(t.ref() + t.where()))) {
      return Value.UNIT;
    }
    // RFC 3339 in whole seconds, as kubectl writes it
    String now = c.clock().now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    K8sCall.run(clients, t.cluster, c, client -> {
      t.require(client);
      return KubeObjects.mergePatch(client, t.kind, null, t.namespace(), t.name,
          Map.of("spec", Map.of("template", Map.of("metadata", Map.of("annotations",
              Map.of("kubectl.kubernetes.io/restartedAt", now))))));
    });
    return Value.UNIT;
  }

  /**
   * The merge patch that undoes {@code patch} on {@code previous}: each field the patch sets
   * gets its previous value back, or is removed (null) when it had none.
   */
  static Map<String, Object> inverse(Map<String, Object> patch, Map<String, Object> previous) {
    Map<String, Object> out = new LinkedHashMap<>();
    patch.forEach((key, value) -> {
      Object before = previous.get(key);
      if (value instanceof Map<?, ?> inner && !inner.isEmpty() && before instanceof Map) {
        out.put(key, inverse(map(inner), map(before)));
      } else {
        out.put(key, before);
      }
    });
    return out;
  }

  /** The dotted paths of a patch's leaves: `spec.engineState`. */
  static List<String> leafPaths(Map<String, Object> patch, String prefix) {
    List<String> out = new ArrayList<>();
    patch.forEach((key, value) -> {
      if (value instanceof Map<?, ?> inner && !inner.isEmpty()) {
        out.addAll(leafPaths(map(inner), prefix + key + "."));
      } else {
        out.add(prefix + key);
      }
    });
    return out;
  }
}
