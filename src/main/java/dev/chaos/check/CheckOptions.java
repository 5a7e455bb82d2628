package dev.chaos.check;

/**
 * How to check. {@code asProd} applies the production rules (contract section 4) to every
 * runbook, whatever its `environment`, to show that it is ready for production. {@code strict}
 * (`chaos check --strict`) adds the lints that hold a runbook to the seed's practice beyond the
 * contract's rules: a runbook that disrupts guards on critical alerts (CH0606).
 */
public record CheckOptions(boolean asProd, boolean strict) {
  public CheckOptions(boolean asProd) {
    this(asProd, false);
  }

  public static CheckOptions defaults() {
    return new CheckOptions(false);
  }
}
