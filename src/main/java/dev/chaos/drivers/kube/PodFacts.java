package dev.chaos.drivers.kube;

import java.util.Map;

/**
 * What a Chaos Mesh or Litmus selector reads of one pod, taken from the live API or from the
 * sandbox's world alike: its namespace and name, labels, annotations, phase, the node it runs on
 * (for `fieldSelectors` on `spec.nodeName`), and the kind of the workload that owns it (Litmus's
 * `appkind`: `deployment` for a pod of a Deployment's ReplicaSet, `statefulset`, `daemonset`;
 * "" for a pod no workload owns), and the labels of its node (Chaos Mesh's `nodeSelectors`).
 */
public record PodFacts(String namespace, String name, Map<String, String> labels,
    Map<String, String> annotations, String phase, String nodeName, String workloadKind,
    Map<String, String> nodeLabels) {
  public PodFacts {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    phase = phase == null ? "" : phase;
    nodeName = nodeName == null ? "" : nodeName;
    workloadKind = workloadKind == null ? "" : Kinds.normalise(workloadKind);
    nodeLabels = nodeLabels == null ? Map.of() : Map.copyOf(nodeLabels);
  }

  /** A pod whose node's labels are not known. */
  public PodFacts(String namespace, String name, Map<String, String> labels,
      Map<String, String> annotations, String phase, String nodeName, String workloadKind) {
    this(namespace, name, labels, annotations, phase, nodeName, workloadKind, Map.of());
  }

  /** A pod whose owner is not known. */
  public PodFacts(String namespace, String name, Map<String, String> labels,
      Map<String, String> annotations, String phase, String nodeName) {
    this(namespace, name, labels, annotations, phase, nodeName, "");
  }

  /** The value of a field path as the API server's field selectors name it; null if unknown. */
  public String field(String path) {
    return switch (path) {
      case "metadata.name" -> name;
      case "metadata.namespace" -> namespace;
      case "status.phase" -> phase;
      case "spec.nodeName" -> nodeName;
      default -> null;
    };
  }
}
