package dev.chaos.runtime.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The time axis every chart of a page shares: instants from {@code from} to {@code to} onto
 * pixels from {@code left} to {@code right}, with ticks at round steps (1s, 5s, 1m, 1h, 1d...)
 * labelled by {@code label}: the time since the start for a run, the date for a history.
 */
public final class TimeScale {
  private static final long[] STEPS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000,
      5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
      3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000,
      2_592_000_000L, 31_536_000_000L};
  private final Instant from;
  private final Instant to;
  private final double left;
  private final double right;
  private final Function<Instant, String> label;

  public TimeScale(Instant from, Instant to, double left, double right,
      Function<Instant, String> label) {
    this.from = from;
    // an instant-long run still gets an axis a second wide, so that its marks can be told apart
    this.to = to.isAfter(from) ? to : from.plusSeconds(1);
    this.left = left;
    this.right = right;
    this.label = label;
  }

  /** Labels ticks by the time since {@code start}: `0s`, `+30s`, `+1m30s`. */
  public static Function<Instant, String> sinceStart(Instant start) {
    return t -> {
      Duration d = Duration.between(start, t);
      return d.isZero() ? "0s" : "+" + Magnitude.shown(d.toNanos() / 1e9, Magnitude.Unit.SECONDS);
    };
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  public double left() {
    return left;
  }

  public double right() {
    return right;
  }

  /** The x of {@code t}, held inside the axis. */
  public double x(Instant t) {
    double span = Duration.between(from, to).toNanos();
    double at = Duration.between(from, t).toNanos();
    double share = Math.max(0, Math.min(1, at / span));
    return left + share * (right - left);
  }

  public boolean covers(Instant t) {
    return !t.isBefore(from) && !t.isAfter(to);
  }

  public String label(Instant t) {
    return label.apply(t);
  }

  /** Round instants, from the start, at most about {@code most} of them. */
  public List<Instant> ticks(int most) {
    return ticks(most, 1, false);
  }

  /**
   * At most about {@code most} instants at least {@code minStepMs} apart; {@code aligned}: on
   * whole steps of the clock (07:50, 07:55), for labels that show the time of day.
   */
  public List<Instant> ticks(int most, long minStepMs, boolean aligned) {
    long span = Math.max(1, Duration.between(from, to).toMillis());
    long step = STEPS_MS[STEPS_MS.length - 1];
    for (long s : STEPS_MS) {
      if (s >= minStepMs && span / s <= most) {
        step = s;
        break;
      }
    }
    long first = from.toEpochMilli();
    if (aligned) {
      first = Math.floorDiv(first + step - 1, step) * step;
    }
    List<Instant> ticks = new ArrayList<>();
    for (long at = first; at <= to.toEpochMilli(); at += step) {
      ticks.add(Instant.ofEpochMilli(at));
    }
    return ticks;
  }
}
