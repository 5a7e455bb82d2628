package dev.chaos.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The environment's Kubernetes: a kubeconfig context (absent: the kubeconfig's current
 * context) or the in-cluster service account, plus extra named clusters, and the namespace
 * where runbooks' `lock`s are kept as Leases.
 */
public record K8sTarget(
    Optional<String> context, boolean inCluster, Optional<Path> kubeconfig,
    Map<String, K8sCluster> clusters, String lockNamespace) {
  /** Where locks are kept when the file does not say. */
  public static final String DEFAULT_LOCK_NAMESPACE = "default";

  public K8sTarget {
    clusters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clusters));
  }
}
