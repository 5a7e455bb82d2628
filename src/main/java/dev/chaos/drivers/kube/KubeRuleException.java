package dev.chaos.drivers.kube;

/**
 * Input that breaks a Kubernetes rule (a label selector that does not parse, a kind chaos does
 * not know), refused with the same one-line message by the sandbox, the live driver and the
 * checker, so a rehearsal fails exactly where the real run would.
 */
public final class KubeRuleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public KubeRuleException(String message) {
    super(message);
  }
}
