package dev.chaos.check;

/**
 * How to check. {@code asProd} applies the production rules (contract section 4) to every
 * runbook, whatever its `environment`, to show that it is ready for production.
 */
public record CheckOptions(boolean asProd) {
  public static CheckOptions defaults() {
    return new CheckOptions(false);
  }
}
