package dev.chaos.drivers;

import dev.chaos.spi.DriverSetup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services drivers share in one run, by type ({@link DriverSetup#share}): each opened on the
 * first ask, closed after every driver, in the reverse order of opening. A service that fails
 * to open is tried again on the next ask, as a connection would be.
 */
public final class SharedServices implements AutoCloseable {
  private final Map<Class<?>, DriverSetup.Opener<?>> openers = new LinkedHashMap<>();
  private final Map<Class<?>, Object> opened = new LinkedHashMap<>();

  public synchronized <T> void share(Class<T> type, DriverSetup.Opener<T> opener) {
    if (openers.putIfAbsent(type, opener) != null) {
      throw new IllegalStateException("two drivers share a `" + type.getName() + "`");
    }
  }

  /** A value the backend itself shares (the environment, the world). */
  public <T> void shareValue(Class<T> type, T value) {
    share(type, () -> value);
  }

  public synchronized <T> T service(Class<T> type) throws Exception {
    Object value = opened.get(type);
    if (value == null) {
      DriverSetup.Opener<?> opener = openers.get(type);
      if (opener == null) {
        throw new IllegalStateException("no driver of this build shares a `" + type.getName()
            + "`");
      }
      value = opener.open();
      opened.put(type, value);
    }
    return type.cast(value);
  }

  /** Closes what was opened; one that fails to close does not stop the others. */
  @Override
  public synchronized void close() {
    List<Object> open = new ArrayList<>(opened.values());
    Collections.reverse(open);
    opened.clear();
    List<String> failures = new ArrayList<>();
    for (Object service : open) {
      if (service instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          failures.add(e.getMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("closing the shared connections failed: "
          + String.join("; ", failures));
    }
  }
}
