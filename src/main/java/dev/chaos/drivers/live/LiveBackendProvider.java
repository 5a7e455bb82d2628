package dev.chaos.drivers.live;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.core.CoreImpls;
import dev.chaos.drivers.core.CoreSources;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * `chaos exec` without `--sandbox`: the drivers on the targets of one environment of the config
 * file. Settings: {@link BackendProvider#ENVIRONMENT} (required), {@link BackendProvider#CONTEXT}
 * and {@link BackendProvider#KUBECONFIG} (the kubectl flags), {@link BackendProvider#RUNBOOK_DIR}.
 */
public final class LiveBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "live";
  }

  /**
   * Reads and validates the whole config file at once, so a mistake in it stops the run before
   * anything is touched; connects nothing yet.
   */
  @Override
  public Backend open(Path configFile, Map<String, String> settings) throws Exception {
    ChaosConfig config = ChaosConfig.load(configFile == null ? ChaosConfig.DEFAULT_FILE
        : configFile);
    String name = settings.get(ENVIRONMENT);
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("no environment chosen: pass --env NAME");
    }
    EnvironmentConfig environment = config.environment(name);
    String dir = settings.getOrDefault(RUNBOOK_DIR, "");
    Path runbookDirectory = Path.of(dir);
    LiveDrivers drivers = new LiveDrivers(environment, Secrets.system(),
        new LiveDrivers.KubeFlags(optionalPath(settings.get(KUBECONFIG)),
            Optional.ofNullable(settings.get(CONTEXT)), System.getenv(),
            Path.of(System.getProperty("user.home"))));
    return LiveBackend.onSystemClock(CoreImpls.create(CoreSources.process(runbookDirectory)))
        .locks(drivers.locks())
        .alsoClose(drivers)
        .driver("k8s", drivers::k8s)
        .driver("argo", drivers::argo)
        .driver("prometheus", drivers::prometheus)
        .driver("redis", drivers::redis)
        .driver("postgres", drivers::postgres)
        .driver("http", drivers::http)
        .driver("notify", drivers::notify)
        .driver("shell", into -> LiveDrivers.shell(runbookDirectory, into));
  }

  private static Optional<Path> optionalPath(String text) {
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
  }
}
