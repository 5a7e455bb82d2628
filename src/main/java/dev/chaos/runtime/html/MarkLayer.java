package dev.chaos.runtime.html;

/**
 * Draws a run's spans and instants over a chart's plot area, the same way on every chart so
 * that one glance down the page lines them up. An instant past the axis (a recovery deadline
 * the run did not reach) is drawn, on the timeline, at the right edge as an arrow.
 */
final class MarkLayer {
  private MarkLayer() {}

  static void spans(Svg svg, TimeScale time, Marks marks, double top, double bottom) {
    for (Marks.Span s : marks.spans()) {
      double x1 = time.x(s.from());
      double x2 = Math.max(time.x(s.to()), x1 + 3);
      svg.rect(x1, top, x2 - x1, bottom - top, "band band-" + s.kind().css(),
          s.label() + " (" + time.label(s.from()) + " to " + time.label(s.to()) + ")");
    }
  }

  /** {@code beyond}: draw an arrow at the right edge for an instant past the axis. */
  static void instants(Svg svg, TimeScale time, Marks marks, double top, double bottom,
      boolean beyond) {
    for (Marks.Mark m : marks.marks()) {
      String tip = m.label() + " at " + time.label(m.at());
      if (m.at().isAfter(time.to())) {
        if (!beyond) {
          continue;
        }
        double x = time.right();
        svg.polygon(java.util.List.of(new double[] {x - 9, top}, new double[] {x, top + 6},
            new double[] {x - 9, top + 12}), "mark mark-" + m.kind().css() + "-arrow", tip);
        continue;
      }
      double x = time.x(m.at());
      svg.line(x, top, x, bottom, "mark mark-" + m.kind().css(), tip);
    }
  }
}
