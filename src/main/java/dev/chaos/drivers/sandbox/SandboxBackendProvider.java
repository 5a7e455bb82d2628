package dev.chaos.drivers.sandbox;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * `chaos exec --sandbox`: opens the default world, or the world file given with `--world`, on
 * its own virtual clock. The setting {@link BackendProvider#RUNBOOK_DIR} says where `file()`
 * looks.
 */
public final class SandboxBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "sandbox";
  }

  /** A world file that does not parse fails with a {@link WorldFileException} naming the key. */
  @Override
  public Backend open(Path worldFile, Map<String, String> settings) throws Exception {
    World world = worldFile == null ? WorldLoader.defaultWorld()
        : WorldLoader.create(WorldLoader.load(worldFile));
    String dir = settings.get(RUNBOOK_DIR);
    return new SandboxBackend(world, Path.of(dir == null || dir.isEmpty() ? "" : dir));
  }
}
