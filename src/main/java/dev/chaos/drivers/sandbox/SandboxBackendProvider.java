package dev.chaos.drivers.sandbox;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import dev.chaos.spi.SandboxRequest;

/**
 * `chaos exec --sandbox`: opens the default world, or the world file given with `--world`, on
 * its own virtual clock.
 */
public final class SandboxBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "sandbox";
  }

  /** A world file that does not parse fails with a {@link WorldFileException} naming the key. */
  @Override
  public Backend open(BackendRequest request) throws Exception {
    if (!(request instanceof SandboxRequest sandbox)) {
      throw new IllegalArgumentException("the sandbox runs in a world, not " + request);
    }
    World world = sandbox.worldFile().isEmpty() ? WorldLoader.defaultWorld()
        : WorldLoader.create(WorldLoader.load(sandbox.worldFile().get()));
    return new SandboxBackend(world, sandbox.runbookDirectory());
  }
}
