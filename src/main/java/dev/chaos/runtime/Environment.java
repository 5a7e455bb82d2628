package dev.chaos.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The values bound in one block, chained to the block around it. Bindings are keyed by the node
 * that declares them (the checker's {@code Ref.Local#declaration()}), by identity, so shadowing
 * resolves exactly as the checker resolved it, whatever the names.
 */
final class Environment {
  /** The key of the implicit `runbook` value. */
  static final Object RUNBOOK = new Object();
  /** The key of the implicit `abort` value, bound only inside `on abort`. */
  static final Object ABORT = new Object();

  private final Environment parent;
  private final Map<Object, dev.chaos.types.Value> values = new IdentityHashMap<>();

  private Environment(Environment parent) {
    this.parent = parent;
  }

  static Environment root() {
    return new Environment(null);
  }

  Environment child() {
    return new Environment(this);
  }

  void define(Object declaration, dev.chaos.types.Value value) {
    values.put(declaration, value);
  }

  /** The value bound to {@code declaration} here or in an enclosing block; null when unbound. */
  dev.chaos.types.Value lookup(Object declaration) {
    for (Environment e = this; e != null; e = e.parent) {
      dev.chaos.types.Value v = e.values.get(declaration);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
