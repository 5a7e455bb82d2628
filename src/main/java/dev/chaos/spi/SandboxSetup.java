package dev.chaos.spi;

/**
 * A {@link DriverSetup} for a rehearsal: the driver's section is its key in the world file;
 * the sandbox's world is the service {@code World} (of the sandbox package) for models that
 * interact with it.
 */
public interface SandboxSetup extends DriverSetup {
  /** The world's virtual clock: a model keeps its state as instants on it. */
  Clock clock();

  /** The world's seed: a model's randomness comes from it, so every rehearsal is the same. */
  long seed();
}
