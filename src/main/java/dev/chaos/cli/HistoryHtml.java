package dev.chaos.cli;

import dev.chaos.runtime.html.Magnitude;
import dev.chaos.runtime.html.Page;
import dev.chaos.runtime.html.Svg;
import dev.chaos.runtime.html.TimeScale;
import dev.chaos.runtime.html.ValueScale;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * `chaos report --format html`: a self-contained page with, per runbook, a chart of its runs
 * over time (each run's recovery time as a dot coloured by its outcome, a run with no recovery
 * time on the outcome lane below) and the table of its runs.
 */
final class HistoryHtml {
  private static final int WIDTH = 1100;
  private static final int LEFT = 96;
  private static final int RIGHT = WIDTH - 24;
  private static final int TOP = 14;
  private static final int PLOT_BOTTOM = 150;
  private static final int LANE = 174;
  private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("MM-dd HH:mm");
  private static final List<String> OUTCOMES = List.of("passed", "failed", "aborted",
      "undo_failed", "not_recovered", "precondition_failed", "refused", "interrupted");

  private HistoryHtml() {}

  static String render(RunHistory history, UnaryOperator<String> filter) {
    Page page = new Page("Chaos run history", filter);
    page.heading(1, "Chaos run history");
    int runs = history.runbooks().stream().mapToInt(b -> b.runs().size()).sum();
    page.paragraph("sub", runs + (runs == 1 ? " run of " : " runs of ")
        + history.runbooks().size() + (history.runbooks().size() == 1 ? " runbook" : " runbooks")
        + ". Times are when each run started (local wall clock, from its run id).");
    page.markup(legend());
    if (history.runbooks().isEmpty()) {
      page.paragraph("none", "No runs found.");
    }
    for (RunHistory.Runbook book : history.runbooks()) {
      page.heading(2, book.name() + (book.title() == null ? "" : ": " + book.title()));
      StringBuilder badges = new StringBuilder("<p>");
      book.outcomes().forEach((outcome, count) -> badges.append(page.badge("outcome-" + outcome,
          count + " " + outcome)).append(' '));
      page.markup(badges.append("</p>").toString());
      page.paragraph("sub", "Recovery time: " + HistoryText.trend(book.recoveries()));
      page.open("chart").markup(chart(book)).close();
      List<List<String>> rows = new ArrayList<>();
      for (RunHistory.Run r : book.runs()) {
        rows.add(List.of(HistoryText.WHEN.format(r.when()), "status:" + r.outcome()
            .replace('_', ' '), r.duration() == null ? "" : ValueFormat.duration(r.duration()),
            r.recovery() == null ? "not recorded" : ValueFormat.duration(r.recovery()),
            r.runId() + (r.dryRun() ? " (dry run)" : ""), r.folder().toString()));
      }
      page.table(List.of("when", "outcome", "duration", "recovery time", "run", "folder"), rows);
    }
    if (!history.leftOut().isEmpty()) {
      page.heading(2, "Skipped");
      page.list(history.leftOut());
    }
    return page.done();
  }

  private static String chart(RunHistory.Runbook book) {
    List<RunHistory.Run> runs = book.runs();
    Instant first = instant(runs.get(0));
    Instant last = instant(runs.get(runs.size() - 1));
    // a margin on each side, so that the first and last runs are not drawn on the frame
    Duration pad = Duration.between(first, last).dividedBy(20).plusMinutes(1);
    TimeScale time = new TimeScale(first.minus(pad), last.plus(pad), LEFT, RIGHT,
        t -> TICK.format(t.atOffset(ZoneOffset.UTC)));
    double highest = book.recoveries().stream().mapToDouble(d -> d.toNanos() / 1e9).max()
        .orElse(1);
    ValueScale scale = new ValueScale(0, highest, TOP + 6, PLOT_BOTTOM);
    Svg svg = new Svg(WIDTH, LANE + 34, "runs of " + book.name() + " over time");
    svg.rect(LEFT, TOP, RIGHT - LEFT, PLOT_BOTTOM - TOP, "plot", null);
    for (double tick : scale.ticks()) {
      double y = scale.y(tick);
      svg.line(LEFT, y, RIGHT, y, "grid", null);
      svg.text(LEFT - 8, y + 4, "end", "tick", Magnitude.shown(tick, Magnitude.Unit.SECONDS));
    }
    svg.text(LEFT - 8, TOP - 2, "end", "lane", "recovery");
    svg.line(LEFT, LANE, RIGHT, LANE, "grid", null);
    svg.text(LEFT - 8, LANE + 4, "end", "lane", "outcome");
    List<double[]> trend = new ArrayList<>();
    for (RunHistory.Run r : runs) {
      if (r.recovery() != null) {
        trend.add(new double[] {time.x(instant(r)), scale.y(r.recovery().toNanos() / 1e9)});
      }
    }
    if (trend.size() > 1) {
      svg.polyline(trend, "trend");
    }
    for (RunHistory.Run r : runs) {
      double x = time.x(instant(r));
      String tip = HistoryText.WHEN.format(r.when()) + ": " + r.outcome()
          + (r.recovery() == null ? "" : ", recovered in " + ValueFormat.duration(r.recovery()))
          + " (" + r.runId() + ")";
      String css = "dot run-" + r.outcome();
      if (r.recovery() != null) {
        svg.circle(x, scale.y(r.recovery().toNanos() / 1e9), 5.5, css, tip);
      }
      svg.rect(x - 5, LANE - 5, 10, 10, css, tip);
    }
    svg.line(LEFT, LANE + 12, RIGHT, LANE + 12, "axis", null);
    List<Instant> ticks = time.ticks(7, 60_000, true);
    for (Instant t : ticks) {
      double x = time.x(t);
      svg.line(x, LANE + 12, x, LANE + 16, "axis", null);
      svg.text(x, LANE + 29, x > RIGHT - 40 ? "end" : x < LEFT + 40 ? "start" : "middle", "tick",
          time.label(t));
    }
    return svg.done();
  }

  private static Instant instant(RunHistory.Run r) {
    return r.when().toInstant(ZoneOffset.UTC);
  }

  private static String legend() {
    StringBuilder out = new StringBuilder("<ul class=\"legend\">");
    for (String outcome : OUTCOMES) {
      Svg swatch = new Svg(14, 14, outcome);
      swatch.circle(7, 7, 5.5, "dot run-" + outcome, null);
      out.append("<li>").append(swatch.done()).append(' ')
          .append(dev.chaos.runtime.html.Html.escape(outcome.replace('_', ' '))).append("</li>");
    }
    Svg trend = new Svg(26, 14, "trend");
    trend.line(0, 7, 26, 7, "trend", null);
    return out.append("<li>").append(trend.done()).append(" recovery-time trend</li></ul>")
        .toString();
  }
}
