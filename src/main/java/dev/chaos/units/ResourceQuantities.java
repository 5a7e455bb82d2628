package dev.chaos.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Kubernetes resource quantities, as manifests and world files write them: memory `256Mi`,
 * `1G`, `1048576`; CPU `250m` or `0.25` cores. The number is as in durations (digits with an
 * optional fraction); there is no sign and no exponent form. `500m` is half a core here, and
 * 500 minutes as a duration: which one a key takes is the caller's choice, never a guess.
 */
public final class ResourceQuantities {
  private ResourceQuantities() {}

  private static final Map<String, BigDecimal> MEMORY_SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
      Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
      Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
      Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)));
  private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Bytes, rounded up to a whole byte as Kubernetes does: `256Mi` is 268435456. */
  public static long bytes(String text) {
    int end = Durations.numberEnd(text, 0);
    BigDecimal factor = end == 0 ? null : MEMORY_SUFFIXES.get(text.substring(end));
    if (factor == null) {
      throw new UnitException(text, UnitProblem.MALFORMED, "is not an amount of memory: write bytes,"
          + " or a number and one of Ki, Mi, Gi, Ti, Pi, Ei, k, M, G, T, P, E, e.g. `256Mi`", null);
    }
    BigDecimal bytes = new BigDecimal(text.substring(0, end)).multiply(factor)
        .setScale(0, RoundingMode.CEILING);
    if (bytes.compareTo(MAX_BYTES) > 0) {
      throw new UnitException(text, UnitProblem.TOO_LARGE,
          "is too large for an amount of memory: at most about 8Ei", null);
    }
    return bytes.longValueExact();
  }

  /** Cores: `250m` is 0.25, `2` is 2. */
  public static double cores(String text) {
    int end = Durations.numberEnd(text, 0);
    String suffix = text.substring(end);
    if (end == 0 || !suffix.isEmpty() && !suffix.equals("m")) {
      throw new UnitException(text, UnitProblem.MALFORMED, "is not an amount of CPU: write cores or"
          + " millicores, e.g. `0.5` or `500m`", null);
    }
    BigDecimal number = new BigDecimal(text.substring(0, end));
    return (suffix.isEmpty() ? number : number.movePointLeft(3)).doubleValue();
  }
}
