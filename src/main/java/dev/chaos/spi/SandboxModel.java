package dev.chaos.spi;

import java.util.Optional;

/**
 * A driver's part of the sandbox world: built from its own section of the world file, on the
 * world's clock. Loaded only by a rehearsal.
 */
public interface SandboxModel {
  /** The key of its section in a world file, if it reads one. */
  Optional<String> section();

  /** Builds its model from its section (a mistake fails the world file) and shares services. */
  DriverBinder prepare(SandboxSetup setup) throws Exception;
}
