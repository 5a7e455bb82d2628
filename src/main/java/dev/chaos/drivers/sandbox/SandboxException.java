package dev.chaos.drivers.sandbox;

/**
 * What the sandbox world answers where a real system would fail: a missing object, an unknown
 * query, a refused connection. The message reads like the real failure and, where the world
 * file could fix it, says how.
 */
public final class SandboxException extends RuntimeException {
  public SandboxException(String message) {
    super(message);
  }
}
