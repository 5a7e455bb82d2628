package dev.chaos.runtime;

import dev.chaos.types.Value;

/**
 * The samples of one `observe`: the baseline, the peak (the sample farthest from the baseline,
 * so that a figure that drops, such as ready pods, peaks at its lowest) and the last value, the
 * "recovered" one once recovery is over.
 */
final class ObserveStats {
  private final String name;
  private final String every;
  private Value baseline;
  private Value peak;
  private double peakDistance = -1;
  private Value last;
  private int samples;
  private int errors;
  private String lastError;

  ObserveStats(String name, String every) {
    this.name = name;
    this.every = every;
  }

  String name() {
    return name;
  }

  synchronized void add(Sample s, boolean isBaseline) {
    samples++;
    if (s.outcome() != ProbeOutcome.TRUE || s.value() == null) {
      errors++;
      lastError = s.message();
      return;
    }
    Value v = s.value();
    last = v;
    if (isBaseline) {
      baseline = v;
    }
    double distance = distance(v);
    if (distance > peakDistance) {
      peakDistance = distance;
      peak = v;
    }
  }

  /** How far from the baseline; without a comparable baseline, the value itself counts. */
  private double distance(Value v) {
    Double x = magnitude(v);
    if (x == null) {
      return peak == null ? 0 : -1;
    }
    Double base = baseline == null ? null : magnitude(baseline);
    return base == null ? x : Math.abs(x - base);
  }

  private static Double magnitude(Value v) {
    switch (v.kind()) {
      case INT:
        return (double) ((Value.Int) v).value();
      case FLOAT:
        return ((Value.Float) v).value();
      case PERCENT:
        return ((Value.Percent) v).value();
      case DURATION:
        return ((Value.Duration) v).value().toNanos() / 1e9;
      default:
        return null;
    }
  }

  synchronized RunResult.ObserveSummary summary() {
    return new RunResult.ObserveSummary(name, every, shown(baseline), shown(peak), shown(last),
        samples, errors, lastError);
  }

  private static String shown(Value v) {
    return v == null ? null : Shown.brief(v);
  }
}
