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
    PodTimeline timeline = d.timeline(p, now);
    WorldSpec.ContainerSpec c = d.spec.container();
    Map<String, Object> state = ready ? tree("running", tree())
        : tree("waiting", tree("reason", timeline.crashLooping() ? "CrashLoopBackOff"
            : "ContainerCreating"));
    Map<String, Object> resources = tree(
        "requests", tree("cpu", String.valueOf(d.spec.cpuRequest()),
            "memory", String.valueOf(c.memoryRequest())),
        "limits", limits(c));
    return tree(
        "apiVersion", "v1",
        "kind", "Pod",
        "metadata", tree("name", p.name, "namespace", d.namespace(),
            "labels", new LinkedHashMap<>(d.spec.labels()),
            "creationTimestamp", p.created.toString()),
        "spec", tree("nodeName", p.node,
            "containers", List.of(tree("name", c.name(), "resources", resources))),
        "status", tree("phase", p.startedAt(now) ? "Running" : "Pending",
            "conditions", List.of(tree("type", "Ready", "status", ready ? "True" : "False")),
            "containerStatuses", List.of(tree("name", c.name(), "ready", ready,
                "restartCount", (long) timeline.restarts(), "state", state))));
  }

  private static Map<String, Object> limits(WorldSpec.ContainerSpec c) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (c.cpuLimit() > 0) {
      out.put("cpu", String.valueOf(c.cpuLimit()));
    }
    if (c.memoryLimit() > 0) {
      out.put("memory", String.valueOf(c.memoryLimit()));
    }
    return out;
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
