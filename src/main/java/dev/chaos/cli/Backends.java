package dev.chaos.cli;

import dev.chaos.spi.BackendProvider;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the provider of a backend by name: "sandbox" or "live". Tests supply their own. */
@FunctionalInterface
interface Backends {
  Optional<BackendProvider> find(String name);

  /** The providers registered with {@link ServiceLoader}, loaded only when a run needs one. */
  static Backends onClassPath() {
    return name -> ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(name))
        .findFirst();
  }
}
