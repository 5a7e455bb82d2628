package dev.chaos.drivers.sandbox;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.SandboxModel;
import dev.chaos.spi.SandboxRequest;
import dev.chaos.spi.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * `chaos exec --sandbox`: opens the default world, or the world file given with `--world`, on
 * its own virtual clock. Driver plug-ins with a sandbox model read their own sections of it.
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
    DriverRegistry drivers = DriverRegistry.load();
    if (sandbox.worldFile().isEmpty()) {
      return SandboxBackend.open(WorldLoader.defaultWorld(), sandbox.runbookDirectory(), drivers,
          Map.of());
    }
    Path file = sandbox.worldFile().get();
    String text;
    try {
      text = WorldLoader.readText(file);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file `" + file.toAbsolutePath().normalize() + "`", e);
    }
    Set<String> sections = drivers.drivers().stream()
        .flatMap(d -> d.sandbox().flatMap(SandboxModel::section).stream())
        .collect(Collectors.toSet());
    YamlNode document = WorldLoader.document(file, text);
    World world = WorldLoader.create(WorldLoader.parse(document, file, sections));
    return SandboxBackend.open(world, sandbox.runbookDirectory(), drivers,
        WorldSections.of(file, document, sections));
  }
}
