package dev.chaos.deploy;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.k8s.K8sKinds;
import dev.chaos.drivers.k8s.KubeObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Rendered objects written to a cluster: each created, or replaced when it exists (an update
 * at the stored resourceVersion). Not server-side apply nor strategic merge, which the lab's
 * API (the fabric8 mock in CRUD mode) refuses; a replace is what re-rendering means anyway:
 * the objects are the runbooks' now, whatever they were.
 */
public final class ClusterApply {
  private ClusterApply() {}

  /** Writes {@code objects} in order; returns them as `kind/name`. */
  public static List<String> apply(KubernetesClient client, List<Map<String, Object>> objects) {
    return objects.stream().map(tree -> {
      String kind = ManifestDocuments.text(tree.get("kind"));
      String apiVersion = ManifestDocuments.text(tree.get("apiVersion"));
      Map<String, Object> metadata = ManifestDocuments.map(tree.get("metadata"));
      String namespace = ManifestDocuments.text(metadata.get("namespace"));
      var op = K8sKinds.operation(client, kind, apiVersion);
      (K8sKinds.namespaced(kind, apiVersion) ? op.inNamespace(namespace) : op)
          .resource(KubeObjects.resource(client, tree)).createOr(existing -> existing.update());
      return kind + "/" + ManifestDocuments.text(metadata.get("name"));
    }).toList();
  }
}
