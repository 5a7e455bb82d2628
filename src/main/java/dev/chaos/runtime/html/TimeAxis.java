package dev.chaos.runtime.html;

/** The ticks and labels of a {@link TimeScale} under a chart's plot area. */
final class TimeAxis {
  private TimeAxis() {}

  static void draw(Svg svg, TimeScale time, double bottom) {
    svg.line(time.left(), bottom, time.right(), bottom, "axis", null);
    var ticks = time.ticks(10);
    for (int i = 0; i < ticks.size(); i++) {
      double x = time.x(ticks.get(i));
      svg.line(x, bottom, x, bottom + 4, "axis", null);
      String anchor = i == 0 && x < time.left() + 20 ? "start"
          : x > time.right() - 30 ? "end" : "middle";
      svg.text(x, bottom + 17, anchor, "tick", time.label(ticks.get(i)));
    }
  }
}
