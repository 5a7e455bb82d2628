package dev.chaos.runtime.html;

import java.time.Instant;
import java.util.List;

/**
 * The run at a glance: one row of bars per lane (the phases, each step, the chaos window) on
 * the run's time axis, with the guard violations, the abort and the recovery deadline drawn
 * across and labelled.
 */
public final class TimelineChart {
  private static final int TOP = 22;
  private static final int ROW = 24;

  private TimelineChart() {}

  /** A span in a lane; {@code label} is written beside it, {@code tip} shown on hover. */
  public record Bar(Instant from, Instant to, String cssClass, String label, String tip) {}

  public record Row(String label, List<Bar> bars) {
    public Row {
      bars = List.copyOf(bars);
    }
  }

  public static String render(List<Row> rows, TimeScale time, Marks marks) {
    int bottom = TOP + Math.max(1, rows.size()) * ROW + 4;
    Svg svg = new Svg(SeriesChart.WIDTH, bottom + 26, "timeline of the run");
    svg.rect(SeriesChart.LEFT, TOP, SeriesChart.RIGHT - SeriesChart.LEFT, bottom - TOP, "plot",
        null);
    MarkLayer.spans(svg, time, marks, TOP, bottom);
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      double y = TOP + 4 + i * ROW;
      svg.text(SeriesChart.LEFT - 8, y + 13, "end", "lane", row.label());
      for (Bar bar : row.bars()) {
        double x1 = time.x(bar.from());
        double x2 = Math.max(time.x(bar.to()), x1 + 3);
        svg.rect(x1, y, x2 - x1, ROW - 8, "bar " + bar.cssClass(), bar.tip());
        if (bar.label() != null && !bar.label().isEmpty()) {
          label(svg, bar.label(), x1, x2, y + 12);
        }
      }
    }
    MarkLayer.instants(svg, time, marks, TOP, bottom, true);
    labels(svg, time, marks);
    TimeAxis.draw(svg, time, bottom);
    return svg.done();
  }

  /**
   * A bar's words: inside it when they fit, else after it, else before it, else inside it
   * anyway (a long step over a short run), never over the lanes' names.
   */
  private static void label(Svg svg, String text, double x1, double x2, double baseline) {
    double width = text.length() * 6.4;
    if (x2 - x1 >= width + 10) {
      svg.text(x1 + 5, baseline, "start", "bar-label-in", text);
    } else if (x2 + 5 + width <= SeriesChart.RIGHT) {
      svg.text(x2 + 5, baseline, "start", "bar-label", text);
    } else if (x1 - 5 - width >= SeriesChart.LEFT) {
      svg.text(x1 - 5, baseline, "end", "bar-label", text);
    } else {
      svg.text(x1 + 5, baseline, "start", "bar-label-in", text);
    }
  }

  /** The abort and the deadline named above the lanes, where they cross them. */
  private static void labels(Svg svg, TimeScale time, Marks marks) {
    for (Marks.Mark m : marks.marks()) {
      if (m.kind() != Marks.Kind.ABORT && m.kind() != Marks.Kind.DEADLINE) {
        continue;
      }
      boolean beyond = m.at().isAfter(time.to());
      double x = beyond ? time.right() : time.x(m.at());
      String text = m.kind() == Marks.Kind.ABORT ? "abort" : beyond
          ? "recovery deadline " + time.label(m.at()) + " \u2192" : "recovery deadline";
      boolean nearRight = x > SeriesChart.RIGHT - 160;
      svg.text(nearRight ? x - 3 : x + 3, TOP - 7, nearRight ? "end" : "start",
          "mark-label mark-label-" + m.kind().css(), text);
    }
  }
}
