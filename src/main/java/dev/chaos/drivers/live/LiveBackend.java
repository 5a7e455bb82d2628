package dev.chaos.drivers.live;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunLock;
import dev.chaos.spi.SystemClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every builtin on real infrastructure: the core functions at once, each driver on its first
 * call (see {@link LazyDriver}). Closing it closes every connection that was opened.
 */
final class LiveBackend implements Backend {
  private final Clock clock;
  private final Map<String, BuiltinImpl> core;
  private final Map<String, LazyDriver> drivers = new LinkedHashMap<>();
  private RunLock.Store locks = (name, holder, hold) -> RunLock.RECORDED;
  private final List<AutoCloseable> shared = new ArrayList<>();

  LiveBackend(Clock clock, Map<String, BuiltinImpl> core) {
    this.clock = clock;
    this.core = Map.copyOf(core);
  }

  static LiveBackend onSystemClock(Map<String, BuiltinImpl> core) {
    return new LiveBackend(new SystemClock(), core);
  }

  LiveBackend driver(String namespace, LazyDriver.Binder binder) {
    drivers.put(namespace, new LazyDriver(namespace, binder));
    return this;
  }

  /** Where the runbooks' locks are kept. */
  LiveBackend locks(RunLock.Store store) {
    this.locks = store;
    return this;
  }

  /** Something the drivers share (clients of several namespaces), closed after them. */
  LiveBackend alsoClose(AutoCloseable resource) {
    shared.add(resource);
    return this;
  }

  @Override
  public RunLock lock(String name, String holder, java.time.Duration hold)
      throws RunLock.Refused, InterruptedException {
    return locks.take(name, holder, hold);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public BuiltinImpl impl(String qualifiedName) {
    BuiltinImpl own = core.get(qualifiedName);
    if (own != null) {
      return own;
    }
    int dot = qualifiedName.indexOf('.');
    LazyDriver driver = dot < 0 ? null : drivers.get(qualifiedName.substring(0, dot));
    return driver == null ? null : driver.impl(qualifiedName);
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
    for (AutoCloseable resource : shared) {
      try {
        resource.close();
      } catch (Exception e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("closing the connections failed: "
          + String.join("; ", failures));
    }
  }
}
