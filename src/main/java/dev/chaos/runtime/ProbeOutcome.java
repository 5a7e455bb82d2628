package dev.chaos.runtime;

/**
 * The three outcomes of evaluating a condition, kept apart everywhere: `true`, `false` (an
 * `expect` did not hold) and `error` (it could not be evaluated: monitoring down, a driver
 * failure). A guard trips on either of the last two.
 */
public enum ProbeOutcome {
  TRUE, FALSE, ERROR;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
