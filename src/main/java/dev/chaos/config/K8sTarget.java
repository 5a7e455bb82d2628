package dev.chaos.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The environment's Kubernetes: a kubeconfig context (absent: the kubeconfig's current
 * context) or the in-cluster service account, plus extra named clusters, the namespace where
 * runbooks' `lock`s are kept as Leases, how long such a Lease lasts unrenewed, and the
 * namespaces where chaos objects live (what `chaos abort` sweeps; empty when the file does not
 * say), and how long the runs' records are kept there.
 */
public record K8sTarget(
    Optional<String> context, boolean inCluster, Optional<Path> kubeconfig,
    Map<String, K8sCluster> clusters, String lockNamespace, Duration lockLease,
    java.util.List<String> chaosNamespaces, Duration runRecordsMaxAge) {
  /** Where locks are kept when the file does not say. */
  public static final String DEFAULT_LOCK_NAMESPACE = "default";

  /**
   * A lock's Lease duration when the file does not say. Why 30 s: a runner that dies (SIGKILL,
   * a lost machine) blocks the next run for at most half a minute, while renewing every 10 s
   * leaves two more tries within one duration when the API answers slowly.
   */
  public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(30);

  /** The shortest `lock_lease`: renewals every third of it, retries every second. */
  public static final Duration MIN_LOCK_LEASE = Duration.ofSeconds(3);

  /**
   * How long a run's record (a ConfigMap, see `chaos runs`) is kept when the file does not say:
   * a month covers a monthly GameDay's comparison with the last one.
   */
  public static final Duration DEFAULT_RUN_RECORDS_MAX_AGE = Duration.ofDays(31);

  public K8sTarget(Optional<String> context, boolean inCluster, Optional<Path> kubeconfig,
      Map<String, K8sCluster> clusters, String lockNamespace, Duration lockLease,
      java.util.List<String> chaosNamespaces) {
    this(context, inCluster, kubeconfig, clusters, lockNamespace, lockLease, chaosNamespaces,
        DEFAULT_RUN_RECORDS_MAX_AGE);
  }

  public K8sTarget {
    clusters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clusters));
    chaosNamespaces = java.util.List.copyOf(chaosNamespaces);
  }

  public K8sTarget(Optional<String> context, boolean inCluster, Optional<Path> kubeconfig,
      Map<String, K8sCluster> clusters, String lockNamespace) {
    this(context, inCluster, kubeconfig, clusters, lockNamespace, DEFAULT_LOCK_LEASE,
        java.util.List.of());
  }
}
