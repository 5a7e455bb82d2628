package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Json that `k8s.get` returns for the objects the world models rather than stores. */
final class ObjectTrees {
  private ObjectTrees() {}

  static Map<String, Object> deployment(Deployment d, Instant now) {
    int ready = d.readyAt(now);
    int total = d.podsAt(now).size();
    return tree(
        "apiVersion", "apps/v1",
        "kind", "Deployment",
        "metadata", tree("name", d.name(), "namespace", d.namespace(),
            "labels", new LinkedHashMap<>(d.spec.labels())),
        "spec", tree("replicas", (long) d.replicas(),
            "selector", tree("matchLabels", new LinkedHashMap<>(d.spec.labels()))),
        "status", tree("replicas", (long) total, "readyReplicas", (long) ready,
            "availableReplicas", (long) ready,
            "updatedReplicas", (long) (d.rolloutCompleteAt(now) ? d.replicas() : ready)));
  }

  static Map<String, Object> pod(Deployment d, Deployment.Pod p, Instant now) {
    boolean ready = p.readyAt(now);
    return tree(
        "apiVersion", "v1",
        "kind", "Pod",
        "metadata", tree("name", p.name, "namespace", d.namespace(),
            "labels", new LinkedHashMap<>(d.spec.labels()),
            "creationTimestamp", p.created.toString()),
        "status", tree("phase", ready ? "Running" : "Pending",
            "conditions", List.of(tree("type", "Ready", "status", ready ? "True" : "False"))));
  }

  /** The `metadata.labels` of a stored object. */
  static Map<String, String> labels(Map<String, Object> tree) {
    Map<String, String> out = new LinkedHashMap<>();
    ManifestDocuments.map(ManifestDocuments.at(tree, "metadata", "labels"))
        .forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
