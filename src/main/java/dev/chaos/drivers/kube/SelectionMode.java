package dev.chaos.drivers.kube;

/**
 * How many of the matched pods a chaos object hits, as its tool decides, taken at its worst:
 *
 * <ul>
 *   <li>Chaos Mesh (`spec.mode`, `spec.value`; pkg/selector/generic/mode.go): `one` is 1 pod,
 *       `all` every pod, `fixed` N pods (all of them when fewer match), `fixed-percent` P% of
 *       them rounded down, `random-max-percent` a random share from 0% to P% rounded down, so at
 *       worst P%; values are whole numbers, P in 1..100.
 *   <li>Litmus (`PODS_AFFECTED_PERC` of an experiment's env): P% rounded down but at least one
 *       pod; empty or 0 means one pod, as litmus-go documents.
 * </ul>
 *
 * <p>A share the runbook's cap must hold whatever the cluster holds is {@link #requestedPercent}:
 * a percent mode asking for more than the cap is refused before any pod is counted, as a
 * `kill_pods` `fraction:` above the cap is.
 */
public record SelectionMode(Tool tool, String mode, int value) {
  /** Whose rule counts the pods. */
  public enum Tool { CHAOS_MESH, LITMUS }

  public static final String ONE = "one";
  public static final String ALL = "all";
  public static final String FIXED = "fixed";
  public static final String FIXED_PERCENT = "fixed-percent";
  public static final String RANDOM_MAX_PERCENT = "random-max-percent";

  /**
   * A Chaos Mesh `mode` and `value`, as the object says them.
   *
   * @throws IllegalArgumentException naming the field, for a mode or value Chaos Mesh refuses
   */
  public static SelectionMode chaosMesh(String where, Object mode, Object value) {
    String m = mode == null ? "" : String.valueOf(mode).trim();
    switch (m) {
      case ONE, ALL -> {
        return new SelectionMode(Tool.CHAOS_MESH, m, 0);
      }
      case FIXED, FIXED_PERCENT, RANDOM_MAX_PERCENT -> {
        int v = wholeNumber(where + " `value`", value, "mode `" + m + "`");
        if (v <= 0) {
          throw new IllegalArgumentException(where + " `value` " + v + " selects no pod: mode `"
              + m + "` needs a value above 0");
        }
        if (!m.equals(FIXED) && v > 100) {
          throw new IllegalArgumentException(where + " `value` " + v + " is not a percentage:"
              + " mode `" + m + "` takes 1 to 100");
        }
        return new SelectionMode(Tool.CHAOS_MESH, m, v);
      }
      case "" -> throw new IllegalArgumentException(where + " has no `mode`: give one of one,"
          + " all, fixed, fixed-percent, random-max-percent");
      default -> throw new IllegalArgumentException(where + " `mode` `" + m + "` is not a Chaos"
          + " Mesh mode: give one of one, all, fixed, fixed-percent, random-max-percent");
    }
  }

  /**
   * Litmus's `PODS_AFFECTED_PERC`: null, empty or 0 means one pod.
   *
   * @throws IllegalArgumentException when it is not a whole number from 0 to 100
   */
  public static SelectionMode litmus(String where, Object podsAffectedPercent) {
    String text = podsAffectedPercent == null ? "" : String.valueOf(podsAffectedPercent).trim();
    int v = text.isEmpty() ? 0 : wholeNumber(where + " PODS_AFFECTED_PERC", text, "Litmus");
    if (v < 0 || v > 100) {
      throw new IllegalArgumentException(where + " PODS_AFFECTED_PERC " + v
          + " is not a percentage: give 0 to 100");
    }
    return new SelectionMode(Tool.LITMUS, "PODS_AFFECTED_PERC", v);
  }

  /** How many of {@code matched} pods it hits at worst. */
  public int count(int matched) {
    if (matched <= 0) {
      return 0;
    }
    if (tool == Tool.LITMUS) {
      return Math.max(1, matched * value / 100);
    }
    return switch (mode) {
      case ONE -> 1;
      case ALL -> matched;
      case FIXED -> Math.min(value, matched);
      default -> matched * value / 100; // fixed-percent, and random-max-percent at its worst
    };
  }

  /** The share it asks for whatever the cluster holds; null for `one`, `fixed`. */
  public Double requestedPercent() {
    if (tool == Tool.LITMUS) {
      return value == 0 ? null : (double) value;
    }
    return switch (mode) {
      case ALL -> 100.0;
      case FIXED_PERCENT, RANDOM_MAX_PERCENT -> (double) value;
      default -> null;
    };
  }

  /** "mode `all`", "mode `fixed-percent` 50", "PODS_AFFECTED_PERC 0 (one pod)". */
  public String describe() {
    if (tool == Tool.LITMUS) {
      return "PODS_AFFECTED_PERC " + value + (value == 0 ? " (one pod)" : "");
    }
    return "mode `" + mode + "`" + (value == 0 ? "" : " " + value);
  }

  private static int wholeNumber(String field, Object value, String forWhat) {
    String text = value == null ? "" : String.valueOf(value).trim();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a whole number, as "
          + forWhat + " needs");
    }
  }
}
