package dev.chaos.drivers.live;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.DriverBinder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One driver's builtins, connected on first use: a run that never calls Redis needs neither its
 * address nor its password, and a missing config section fails only the calls that need it.
 */
final class LazyDriver implements AutoCloseable {
  private final String namespace;
  private final Set<String> names;
  private final DriverBinder binder;
  private Map<String, BuiltinImpl> impls;
  private Exception failure;
  private AutoCloseable opened;

  /** {@code names}: the qualified names of the driver's signature table. */
  LazyDriver(String namespace, Set<String> names, DriverBinder binder) {
    this.namespace = namespace;
    this.names = Set.copyOf(names);
    this.binder = binder;
  }

  /**
   * A builtin that connects the driver on its first call, then runs the real one; null (as
   * {@link dev.chaos.spi.Backend#impl} promises) for a name its table does not have.
   */
  BuiltinImpl impl(String qualifiedName) {
    if (!names.contains(qualifiedName)) {
      return null;
    }
    return (args, context) -> {
      BuiltinImpl real = impls().get(qualifiedName);
      if (real == null) {
        throw new IllegalStateException(qualifiedName + " has no live implementation");
      }
      return real.call(args, context);
    };
  }

  private synchronized Map<String, BuiltinImpl> impls() throws Exception {
    if (failure != null) {
      // the same mistake (a missing section, an unset secret) fails every call the same way
      throw failure;
    }
    if (impls == null) {
      Map<String, BuiltinImpl> bound = new HashMap<>();
      try {
        opened = binder.bind(bound);
      } catch (Exception e) {
        failure = e;
        throw e;
      }
      impls = bound;
    }
    return impls;
  }

  String namespace() {
    return namespace;
  }

  @Override
  public synchronized void close() throws Exception {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }
}
