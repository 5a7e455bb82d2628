package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.SharedServices;
import dev.chaos.drivers.core.CoreImpls;
import dev.chaos.spi.Backend;
import dev.chaos.spi.Escalations;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.SandboxModel;
import dev.chaos.spi.yaml.YamlSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every builtin of every driver, implemented on one {@link World}: the backend of `chaos exec
 * --sandbox`. Its clock is the world's virtual clock, which the run must use. The world stays
 * readable after the run ({@link #world()}), for tests and for what the report says about it.
 */
public final class SandboxBackend implements Backend {
  private final World world;
  private final Map<String, BuiltinImpl> impls;
  private final SharedServices services;
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** The built-in drivers on {@code world}, and the models of the plug-ins on the class path. */
  public SandboxBackend(World world, Path runbookDirectory) {
    this(world, builtIns(world, runbookDirectory));
    try {
      addModels(runbookDirectory, DriverRegistry.load(), Map.of());
      learnContacts();
    } catch (Exception e) {
      throw new IllegalStateException("a driver's sandbox model failed without a world-file "
          + "section: " + e.getMessage(), e);
    }
  }

  /**
   * The built-in drivers on {@code world}, and the model of every driver of {@code drivers}
   * that has one, built from its section of {@code sections} (the world file's).
   */
  public static SandboxBackend open(World world, Path runbookDirectory, DriverRegistry drivers,
      Map<String, YamlSection.Field> sections) throws Exception {
    SandboxBackend backend = new SandboxBackend(world, builtIns(world, runbookDirectory));
    backend.addModels(runbookDirectory, drivers, sections);
    backend.learnContacts();
    return backend;
  }

  private SandboxBackend(World world, Map<String, BuiltinImpl> builtIns) {
    this.world = world;
    this.impls = builtIns;
    this.services = new SharedServices();
    services.shareValue(World.class, world);
  }

  /** The core functions and the built-in drivers, which the world models itself. */
  private static Map<String, BuiltinImpl> builtIns(World world, Path runbookDirectory) {
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
    return all;
  }

  /** Prepares every model first (so each can share before any asks), then binds them. */
  private void addModels(Path runbookDirectory, DriverRegistry drivers,
      Map<String, YamlSection.Field> sections) throws Exception {
    Map<String, DriverBinder> binders = new LinkedHashMap<>();
    for (Driver driver : drivers.drivers()) {
      Optional<SandboxModel> model = driver.sandbox();
      if (model.isPresent()) {
        Optional<YamlSection.Field> section = model.get().section().map(sections::get);
        binders.put(driver.namespace(), model.get().prepare(
            new SandboxDriverSetup(runbookDirectory, world, section, services)));
      }
    }
    for (Map.Entry<String, DriverBinder> binder : binders.entrySet()) {
      Map<String, BuiltinImpl> own = new LinkedHashMap<>();
      AutoCloseable resource = binder.getValue().bind(own);
      if (resource != null) {
        opened.add(resource);
      }
      for (Map.Entry<String, BuiltinImpl> impl : own.entrySet()) {
        if (impls.putIfAbsent(impl.getKey(), impl.getValue()) != null) {
          throw new IllegalStateException("the sandbox model of `" + binder.getKey()
              + "` binds `" + impl.getKey() + "`, which another driver implements");
        }
      }
    }
  }

  public World world() {
    return world;
  }

  /** The world's webhook accepts `to:` the contacts of the world file's `notify` section. */
  private void learnContacts() {
    try {
      world.notifications().contacts(services.service(Escalations.class).contacts().keySet());
    } catch (Exception none) {
      // no notify model on the class path: no contacts
    }
  }

  /** What the models share: the run asks for {@link Escalations} here. */
  @Override
  public <T> T service(Class<T> type) throws Exception {
    return services.service(type);
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
    return Collections.unmodifiableSet(impls.keySet());
  }

  /** The world lives in memory; a plug-in's model may hold something to close. */
  @Override
  public void close() {
    List<String> failures = new ArrayList<>();
    for (AutoCloseable resource : opened) {
      try {
        resource.close();
      } catch (Exception e) {
        failures.add(e.getMessage());
      }
    }
    opened.clear();
    services.close();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("closing the sandbox failed: " + String.join("; ",
          failures));
    }
  }
}
