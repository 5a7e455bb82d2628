package dev.chaos.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The drivers on the class path, by namespace. */
public final class DriverRegistry {
  private final Map<String, Driver> byNamespace;

  public DriverRegistry(List<Driver> drivers) {
    Map<String, Driver> map = new TreeMap<>();
    for (Driver d : drivers) {
      if (map.putIfAbsent(d.namespace(), d) != null) {
        throw new IllegalStateException("two drivers claim namespace `" + d.namespace() + "`");
      }
    }
    this.byNamespace = Collections.unmodifiableMap(map);
  }

  public static DriverRegistry load() {
    return new DriverRegistry(
        ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::get).toList());
  }

  public Driver driver(String namespace) {
    return byNamespace.get(namespace);
  }

  /** Every driver, core ("") first, then by namespace. */
  public Collection<Driver> drivers() {
    return byNamespace.values();
  }

  public Builtin builtin(String namespace, String name) {
    Driver d = byNamespace.get(namespace);
    if (d == null) {
      return null;
    }
    return d.builtins().stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
  }
}
