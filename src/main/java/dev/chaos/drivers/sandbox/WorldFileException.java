package dev.chaos.drivers.sandbox;

import dev.chaos.spi.yaml.Origin;

/**
 * A mistake in a world file, at its file, line and column, naming the dotted key:
 * `world.yaml:12:18: `redis.failover_time`: `8 seconds` is not a duration ...`.
 */
public final class WorldFileException extends RuntimeException {
  public WorldFileException(Origin at, String message) {
    super(at.place() + ": " + message);
  }
}
