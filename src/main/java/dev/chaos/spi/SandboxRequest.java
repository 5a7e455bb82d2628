package dev.chaos.spi;

import java.nio.file.Path;
import java.util.Optional;

/** `chaos exec --sandbox`: the world file of `--world`, or the built-in world when empty. */
public record SandboxRequest(Path runbookDirectory, Optional<Path> worldFile)
    implements BackendRequest {}
