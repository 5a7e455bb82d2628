package dev.chaos.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The drivers on the class path, by namespace. */
public final class DriverRegistry {
  /**
   * The system property that says the class path holds no plug-in, set by the launcher when
   * `CHAOS_CLASSPATH` adds none: the drivers are then those of chaos's own service file, read
   * from the first jar that has one, without {@link ServiceLoader} opening every jar to look
   * for others (the shaded jar's 14,700 entries were a good part of a one-file check).
   */
  public static final String BUILT_IN_ONLY = "chaos.drivers.builtInOnly";
  private static final String SERVICE_FILE = "/META-INF/services/" + Driver.class.getName();

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

  /** The drivers on the class path; only the built-in ones if {@link #BUILT_IN_ONLY} is set. */
  public static DriverRegistry load() {
    if (Boolean.getBoolean(BUILT_IN_ONLY)) {
      return builtIn();
    }
    return new DriverRegistry(
        ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::get).toList());
  }

  /** The drivers named by the first service file on the class path: chaos's own. */
  static DriverRegistry builtIn() {
    List<Driver> drivers = new ArrayList<>();
    try (InputStream in = DriverRegistry.class.getResourceAsStream(SERVICE_FILE)) {
      if (in == null) {
        throw new IllegalStateException(SERVICE_FILE + " is missing from the class path");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int comment = line.indexOf('#');
        String name = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (!name.isEmpty()) {
          drivers.add((Driver) Class.forName(name).getDeclaredConstructor().newInstance());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load a built-in driver: " + e, e);
    }
    return new DriverRegistry(drivers);
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
