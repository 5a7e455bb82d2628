package dev.chaos.drivers.k8s;

/**
 * A Kubernetes call that failed, with a one-line message naming the API server it went to
 * ("k8s 127.0.0.1:16443: connection refused"): the interpreter shows the message as it is, so
 * it never carries a stack trace, a token or fabric8's request dump.
 */
public final class K8sException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code target} is a cluster's label ({@link K8sClients.Cluster#label()}). */
  public K8sException(String target, String message) {
    super(target + ": " + message);
  }
}
