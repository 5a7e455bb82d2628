package dev.chaos.drivers.sandbox;

/** A mistake in a world file, with the file and the path of the key: `world.yaml: redis.ping`. */
public final class WorldFileException extends RuntimeException {
  public WorldFileException(String source, String path, String message) {
    super(source + (path.isEmpty() ? "" : ": " + path) + ": " + message);
  }
}
