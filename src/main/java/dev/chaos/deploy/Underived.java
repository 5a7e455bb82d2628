package dev.chaos.deploy;

/**
 * A call whose Kubernetes requests cannot be known before the run (its namespace or kind is
 * computed at run time): no Role can be derived for it, so nothing is rendered.
 */
public final class Underived extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Underived(String message) {
    super(message);
  }
}
