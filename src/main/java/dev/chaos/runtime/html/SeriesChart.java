package dev.chaos.runtime.html;

import java.util.ArrayList;
import java.util.List;

/**
 * One series charted over the run's time axis, with the run's spans and marks behind it: a line
 * through its figures (each sample a dot coloured by its outcome), the expectation's threshold
 * dashed, or, for a series of no figures, a strip of outcome dots.
 */
public final class SeriesChart {
  public static final int WIDTH = 1100;
  public static final int LEFT = 96;
  public static final int RIGHT = WIDTH - 24;
  private static final int TOP = 12;

  private SeriesChart() {}

  public static String render(Series series, TimeScale time, Marks marks) {
    int plotBottom = series.numeric() ? 132 : 52;
    int height = plotBottom + 26;
    Svg svg = new Svg(WIDTH, height, series.title() + " over the run");
    svg.rect(LEFT, TOP, RIGHT - LEFT, plotBottom - TOP, "plot", null);
    MarkLayer.spans(svg, time, marks, TOP, plotBottom);
    if (series.numeric()) {
      figures(svg, series, time, plotBottom);
    } else {
      outcomes(svg, series, time, (TOP + plotBottom) / 2.0);
    }
    MarkLayer.instants(svg, time, marks, TOP, plotBottom, false);
    TimeAxis.draw(svg, time, plotBottom);
    return svg.done();
  }

  private static void figures(Svg svg, Series series, TimeScale time, int bottom) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series.Point p : series.points()) {
      if (p.value() != null) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    if (series.threshold() != null) {
      lo = Math.min(lo, series.threshold());
      hi = Math.max(hi, series.threshold());
    }
    ValueScale scale = new ValueScale(lo, hi, TOP + 6, bottom);
    for (double tick : scale.ticks()) {
      double y = scale.y(tick);
      svg.line(LEFT, y, RIGHT, y, "grid", null);
      svg.text(LEFT - 8, y + 4, "end", "tick", Magnitude.shown(tick, series.unit()));
    }
    if (series.threshold() != null) {
      double y = scale.y(series.threshold());
      String label = series.comparison() + " " + Magnitude.shown(series.threshold(), series.unit());
      svg.line(LEFT, y, RIGHT, y, "threshold", "expected " + label);
      svg.text(RIGHT - 4, y - 4, "end", "threshold-label", "expected " + label);
    }
    List<double[]> line = new ArrayList<>();
    for (Series.Point p : series.points()) {
      if (p.value() != null) {
        line.add(new double[] {time.x(p.time()), scale.y(p.value())});
      }
    }
    if (line.size() > 1) {
      svg.polyline(line, "series");
    }
    boolean few = series.points().size() <= 3;
    for (Series.Point p : series.points()) {
      double x = time.x(p.time());
      double y = p.value() == null ? bottom - 4 : scale.y(p.value());
      svg.circle(x, y, p.outcome().equals("true") && !few ? 3 : 4.5, "dot dot-" + p.outcome(),
          time.label(p.time()) + ": " + p.tip());
      if (few && p.value() != null) {
        // a check taken once is a dot: its figure written beside it says more than the axis
        boolean nearRight = x > RIGHT - 80;
        svg.text(nearRight ? x - 8 : x + 8, y - 6, nearRight ? "end" : "start", "value-label",
            Magnitude.shown(p.value(), series.unit()));
      }
    }
  }

  private static void outcomes(Svg svg, Series series, TimeScale time, double y) {
    svg.line(LEFT, y, RIGHT, y, "grid", null);
    for (Series.Point p : series.points()) {
      svg.circle(time.x(p.time()), y, p.outcome().equals("true") ? 3.5 : 5,
          "dot dot-" + p.outcome(), time.label(p.time()) + ": " + p.tip());
    }
  }
}
