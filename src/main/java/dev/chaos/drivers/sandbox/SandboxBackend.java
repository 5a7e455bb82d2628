package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.core.CoreImpls;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every builtin of every driver, implemented on one {@link World}: the backend of `chaos exec
 * --sandbox`. Its clock is the world's virtual clock, which the run must use. The world stays
 * readable after the run ({@link #world()}), for tests and for what the report says about it.
 */
public final class SandboxBackend implements Backend {
  private final World world;
  private final Map<String, BuiltinImpl> impls;

  public SandboxBackend(World world, Path runbookDirectory) {
    this.world = world;
    Map<String, BuiltinImpl> all = new LinkedHashMap<>(
        CoreImpls.create(new SandboxSources(world.spec(), runbookDirectory)));
    K8sBindings.bind(world, all);
    ArgoBindings.bind(world, all);
    PromBindings.bind(world, all);
    RedisBindings.bind(world, all);
    PgBindings.bind(world, all);
    HttpBindings.bind(world, all);
    NotifyBindings.bind(world, all);
    ShellBindings.bind(world, all);
    this.impls = Collections.unmodifiableMap(all);
  }

  public World world() {
    return world;
  }

  @Override
  public Clock clock() {
    return world.clock();
  }

  @Override
  public BuiltinImpl impl(String qualifiedName) {
    return impls.get(qualifiedName);
  }

  /** The qualified names of every builtin implemented here. */
  public Set<String> names() {
    return impls.keySet();
  }

  /** The world lives in memory only: there is nothing to close. */
  @Override
  public void close() {}
}
