package dev.chaos.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The environment's Kubernetes: a kubeconfig context (absent: the kubeconfig's current
 * context) or the in-cluster service account, plus extra named clusters, the namespace where
 * runbooks' `lock`s are kept as Leases, and the namespaces where chaos objects live (what
 * `chaos abort` sweeps; empty when the file does not say).
 */
public record K8sTarget(
    Optional<String> context, boolean inCluster, Optional<Path> kubeconfig,
    Map<String, K8sCluster> clusters, String lockNamespace,
    java.util.List<String> chaosNamespaces) {
  /** Where locks are kept when the file does not say. */
  public static final String DEFAULT_LOCK_NAMESPACE = "default";

  public K8sTarget {
    clusters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clusters));
    chaosNamespaces = java.util.List.copyOf(chaosNamespaces);
  }

  public K8sTarget(Optional<String> context, boolean inCluster, Optional<Path> kubeconfig,
      Map<String, K8sCluster> clusters, String lockNamespace) {
    this(context, inCluster, kubeconfig, clusters, lockNamespace, java.util.List.of());
  }
}
