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

  /** Told of each binding made in one environment (not in its children). */
  @FunctionalInterface
  interface Watcher {
    void bound(Object declaration, dev.chaos.types.Value value);
  }

  private final Environment parent;
  private final Watcher watcher;
  private final Map<Object, dev.chaos.types.Value> values = new IdentityHashMap<>();

  private Environment(Environment parent, Watcher watcher) {
    this.parent = parent;
    this.watcher = watcher;
  }

  static Environment root() {
    return new Environment(null, null);
  }

  Environment child() {
    return new Environment(this, null);
  }

  /** A child whose own bindings {@code watcher} is told of, as they are made. */
  Environment watchedChild(Watcher watcher) {
    return new Environment(this, watcher);
  }

  void define(Object declaration, dev.chaos.types.Value value) {
    values.put(declaration, value);
    if (watcher != null) {
      watcher.bound(declaration, value);
    }
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
