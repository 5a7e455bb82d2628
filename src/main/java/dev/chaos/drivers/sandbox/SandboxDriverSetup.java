package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.SharedServices;
import dev.chaos.spi.Clock;
import dev.chaos.spi.SandboxSetup;
import dev.chaos.spi.yaml.YamlSection;
import java.nio.file.Path;
import java.util.Optional;

/** What one driver's sandbox model gets: its world-file section, the world's clock and seed. */
record SandboxDriverSetup(Path runbookDirectory, World world, Optional<YamlSection.Field> section,
    SharedServices services) implements SandboxSetup {

  @Override
  public Clock clock() {
    return world.clock();
  }

  @Override
  public long seed() {
    return world.spec().seed();
  }

  @Override
  public <T> void share(Class<T> type, Opener<T> opener) {
    services.share(type, opener);
  }

  @Override
  public <T> T service(Class<T> type) throws Exception {
    return services.service(type);
  }
}
