package dev.chaos.drivers.live;

import dev.chaos.config.LiveRequest;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.core.CoreImpls;
import dev.chaos.drivers.core.CoreSources;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import java.nio.file.Path;

/**
 * `chaos exec` without `--sandbox`: the drivers on the targets of the environment of a
 * {@link LiveRequest}, which the command line has read from the config file and checked.
 */
public final class LiveBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "live";
  }

  /** Connects nothing yet: each driver connects on its first call. */
  @Override
  public Backend open(BackendRequest request) {
    if (!(request instanceof LiveRequest live)) {
      throw new IllegalArgumentException("the live backend runs against an environment of the "
          + "config file, not " + request);
    }
    Path runbookDirectory = live.runbookDirectory();
    LiveDrivers drivers = new LiveDrivers(live.environment(), Secrets.system(),
        new LiveDrivers.KubeFlags(live.kubectl().kubeconfig(), live.kubectl().context(),
            System.getenv(), Path.of(System.getProperty("user.home"))));
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
}
