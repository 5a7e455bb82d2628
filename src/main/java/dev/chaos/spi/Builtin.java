package dev.chaos.spi;

/**
 * One function of a driver, declared once: the checker reads the signature and effect, the
 * interpreter binds an implementation by {@link #qualifiedName()}, and docs/drivers.md is generated
 * from it. {@code inverse} says what undoes the call automatically ("delete what it created"),
 * empty when nothing does.
 */
public record Builtin(String namespace, String name, Signature signature, Effect effect,
    String inverse, String doc) {

  public boolean hasInverse() {
    return !inverse.isEmpty();
  }

  /** `k8s.kill_pods`, or just `len` for core functions (empty namespace). */
  public String qualifiedName() {
    return namespace.isEmpty() ? name : namespace + "." + name;
  }
}
