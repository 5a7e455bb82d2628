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

  // Written out: a record's generated equals/hashCode are bootstrapped through method handles
  // on first use, and `chaos check` keys its shared stdlib modules on the options.
  @Override
  public boolean equals(Object o) {
    return o instanceof CheckOptions other && asProd == other.asProd && strict == other.strict;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(asProd) * 31 + Boolean.hashCode(strict);
  }
}
