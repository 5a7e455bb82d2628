package dev.chaos.drivers.live;

import dev.chaos.drivers.SharedServices;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.Redactor;
import dev.chaos.spi.RunLock;
import dev.chaos.spi.ValueCredentials;
import dev.chaos.types.Value;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every builtin on real infrastructure: the core functions at once, each driver on its first
 * call (see {@link LazyDriver}). Closing it closes every connection that was opened.
 */
final class LiveBackend implements Backend {
  private final Clock clock;
  private final Map<String, BuiltinImpl> core;
  private final Map<String, LazyDriver> drivers = new LinkedHashMap<>();
  private final Map<String, Recoverer> recoverers = new LinkedHashMap<>();
  private final SharedServices shared;
  private final Redactor redactor;

  /** {@code shared}: what the drivers share (clients of several namespaces), closed after them. */
  LiveBackend(Clock clock, Map<String, BuiltinImpl> core, SharedServices shared) {
    this(clock, core, shared, new Redactor());
  }

  /** {@code redactor} learns the secrets of every call's arguments and result. */
  LiveBackend(Clock clock, Map<String, BuiltinImpl> core, SharedServices shared,
      Redactor redactor) {
    this.clock = clock;
    this.core = Map.copyOf(core);
    this.shared = shared;
    this.redactor = redactor;
  }

  /** {@code names}: the qualified names of the driver's table, bound on the first call. */
  LiveBackend driver(String namespace, Set<String> names, DriverBinder binder) {
    drivers.put(namespace, new LazyDriver(namespace, names, binder));
    return this;
  }

  /** How a driver rebuilds its journaled inverses (`chaos recover`). */
  @FunctionalInterface
  interface Recoverer {
    Undo recover(UndoRecipe recipe) throws Exception;
  }

  LiveBackend recoverer(String namespace, Recoverer recoverer) {
    recoverers.put(namespace, recoverer);
    return this;
  }

  @Override
  public Undo recover(UndoRecipe recipe) throws Exception {
    Recoverer recoverer = recoverers.get(recipe.driver());
    if (recoverer == null) {
      throw new IllegalArgumentException("no driver `" + recipe.driver() + "` in this build "
          + "rebuilds the inverse `" + recipe.name() + "`");
    }
    return recoverer.recover(recipe);
  }

  @Override
  public <T> T service(Class<T> type) throws Exception {
    return shared.service(type);
  }

  /**
   * Takes the lock in the {@link RunLock.Store} a driver shares (`k8s` keeps Leases); a build
   * without one refuses a runbook with a `lock` rather than run it unguarded.
   */
  @Override
  public RunLock lock(String name, RunLock.Holder holder,
      java.util.function.Consumer<String> lost) throws RunLock.Refused, InterruptedException {
    RunLock.Store store;
    try {
      store = shared.service(RunLock.Store.class);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new RunLock.Refused("no driver keeps runbook locks: " + e.getMessage());
    }
    return store.take(name, holder, lost);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public BuiltinImpl impl(String qualifiedName) {
    BuiltinImpl own = core.get(qualifiedName);
    if (own == null) {
      int dot = qualifiedName.indexOf('.');
      LazyDriver driver = dot < 0 ? null : drivers.get(qualifiedName.substring(0, dot));
      own = driver == null ? null : driver.impl(qualifiedName);
    }
    return own == null ? null : learning(own);
  }

  /**
   * The secrets a call is given (a `Secret`, a URL's password, an `Authorization` header) are
   * learned before it can reach a server that echoes them; those it returns (`secret(...)`)
   * before anything can print them.
   */
  private BuiltinImpl learning(BuiltinImpl impl) {
    return (args, context) -> {
      ValueCredentials.learn(redactor, args);
      Value result = impl.call(args, context);
      ValueCredentials.learn(redactor, result);
      return result;
    };
  }

  /** Closes every driver that connected; one that fails to close does not stop the others. */
  @Override
  public void close() {
    List<String> failures = new ArrayList<>();
    for (LazyDriver driver : drivers.values()) {
      try {
        driver.close();
      } catch (Exception e) {
        failures.add(driver.namespace() + ": " + e.getMessage());
      }
    }
    try {
      shared.close();
    } catch (RuntimeException e) {
      failures.add(e.getMessage());
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("closing the connections failed: "
          + String.join("; ", failures));
    }
  }
}
