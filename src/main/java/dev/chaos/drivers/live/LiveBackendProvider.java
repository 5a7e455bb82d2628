package dev.chaos.drivers.live;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.SharedServices;
import dev.chaos.drivers.core.CoreImpls;
import dev.chaos.drivers.core.CoreSources;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.config.ConfigCredentials;
import dev.chaos.spi.Redactor;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.SystemClock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * `chaos exec` without `--sandbox`: every driver plug-in's live binding on the environment of a
 * {@link LiveRequest}, which the command line has read from the config file and checked. The
 * backend shares the environment ({@link EnvironmentConfig}), the kubectl flags and the
 * {@link Secrets} with the bindings.
 */
public final class LiveBackendProvider implements BackendProvider {
  private final Supplier<DriverRegistry> drivers;

  public LiveBackendProvider() {
    this(DriverRegistry::load);
  }

  LiveBackendProvider(Supplier<DriverRegistry> drivers) {
    this.drivers = drivers;
  }

  @Override
  public String name() {
    return "live";
  }

  /**
   * Each binding reads its section now, so a mistake stops the run before anything is touched;
   * each driver connects on its first call.
   */
  @Override
  public Backend open(BackendRequest request) throws Exception {
    if (!(request instanceof LiveRequest live)) {
      throw new IllegalArgumentException("the live backend runs against an environment of the "
          + "config file, not " + request);
    }
    SharedServices services = new SharedServices();
    services.shareValue(EnvironmentConfig.class, live.environment());
    services.shareValue(KubectlFlags.class, live.kubectl());
    Redactor redactor = live.redactor();
    services.shareValue(Redactor.class, redactor);
    services.share(Secrets.class, () -> Secrets.system().learningInto(redactor));
    ConfigCredentials.learn(redactor, live.environment());
    LiveBackend backend = new LiveBackend(new SystemClock(),
        CoreImpls.create(CoreSources.process(live.runbookDirectory())), services, redactor);
    try {
      for (Driver driver : drivers.get().drivers()) {
        Optional<LiveBinding> binding = driver.live();
        if (binding.isPresent()) {
          LiveDriverSetup setup = new LiveDriverSetup(live.runbookDirectory(),
              live.environment(), binding.get().section(), services);
          LiveBinding bound = binding.get();
          backend.driver(driver.namespace(), names(driver), bound.prepare(setup));
          backend.recoverer(driver.namespace(), recipe -> bound.recover(recipe, setup));
        }
      }
    } catch (Exception e) {
      backend.close();
      throw e;
    }
    return backend;
  }

  private static Set<String> names(Driver driver) {
    return driver.builtins().stream().map(Builtin::qualifiedName).collect(Collectors.toSet());
  }
}
