package dev.chaos.runtime.html;

import java.util.ArrayList;
import java.util.List;

/**
 * The vertical axis of one chart: figures from a rounded minimum to a rounded maximum onto
 * pixels, bottom to top, with ticks at 1, 2 or 5 times a power of ten. A chart of figures that
 * are never negative starts at zero, so that a small rise is not drawn as a cliff.
 */
public final class ValueScale {
  private final double min;
  private final double max;
  private final double step;
  private final double top;
  private final double bottom;

  public ValueScale(double lowest, double highest, double top, double bottom) {
    double lo = lowest >= 0 ? 0 : lowest;
    double hi = highest;
    if (hi - lo < 1e-12) {
      hi = lo + (Math.abs(lo) > 0 ? Math.abs(lo) : 1);
    }
    this.step = niceStep((hi - lo) / 4);
    this.min = Math.floor(lo / step) * step;
    this.max = Math.ceil(hi / step) * step;
    this.top = top;
    this.bottom = bottom;
  }

  private static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * power;
  }

  public double y(double value) {
    double share = (value - min) / (max - min);
    return bottom - Math.max(-0.02, Math.min(1.02, share)) * (bottom - top);
  }

  public List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; min + i * step <= max + step / 1e6; i++) {
      ticks.add(min + i * step);
    }
    return ticks;
  }
}
