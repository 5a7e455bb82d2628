package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.runtime.html.Html;
import dev.chaos.runtime.html.Legend;
import dev.chaos.runtime.html.Marks;
import dev.chaos.runtime.html.Page;
import dev.chaos.runtime.html.Series;
import dev.chaos.runtime.html.SeriesChart;
import dev.chaos.runtime.html.Svg;
import dev.chaos.runtime.html.TimeScale;
import dev.chaos.runtime.html.TimelineChart;
import dev.chaos.spi.Redactor;
import dev.chaos.types.ValueFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's report as one self-contained HTML page (docs/reports.md): the header, a timeline of
 * phases, steps, the chaos window, undo and recovery, every sampled figure charted on the same
 * time axis with the baseline, the chaos window, each step, guard violation, the abort and the
 * recovery deadline marked, then the steps, the undo list, the blast radius of every mutation,
 * recovery, records and problems. The charts come from the journal's events; every text goes
 * through {@code redactor} before it is escaped, so a secret is masked in whatever form.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(RunResult r, List<RunEvent> events, int exitCode,
      Redactor redactor) {
    List<RunEvent> masked = events.stream().map(e -> RedactedEvents.redact(redactor, e)).toList();
    RunResult.Header h = r.header();
    Page page = new Page("Chaos run: " + h.title() + " (" + r.outcome().label() + ")",
        redactor::redact);
    header(page, r, exitCode);
    RunTimeline timeline = new RunTimeline(masked, r.started(), r.finished());
    TimeScale time = new TimeScale(timeline.start(), timeline.end(), SeriesChart.LEFT,
        SeriesChart.RIGHT, TimeScale.sinceStart(timeline.start()));
    Marks marks = timeline.marks(r.abort());
    page.heading(2, "Timeline");
    page.paragraph("sub", "Run time since " + timeline.start() + (r.dryRun() ? "" : "; in a "
        + "rehearsal this is the sandbox's virtual clock") + ". Hover a mark or a dot for its "
        + "details.");
    page.markup(Legend.html());
    page.open("chart").markup(TimelineChart.render(timeline.rows(), time, marks)).close();
    page.markup(phaseKey(timeline.phases()));
    series(page, timeline.series(r), time, marks);
    steps(page, r);
    undo(page, r);
    blastRadius(page, r);
    recovery(page, r);
    problems(page, r);
    page.heading(2, "Conclusion").paragraph("conclusion", ReportText.conclusion(r));
    return page.done();
  }

  private static void header(Page page, RunResult r, int exitCode) {
    RunResult.Header h = r.header();
    page.heading(1, h.title() == null || h.title().isEmpty() ? h.name() : h.title());
    if (h.objective() != null) {
      page.paragraph("sub", h.objective());
    }
    page.open("card");
    page.markup("<p>" + page.badge("outcome-" + r.outcome().label(), r.outcome().label())
        + (r.reason() == null ? "" : " " + page.text(r.reason())) + "</p>");
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Runbook", h.name() + " (" + h.file() + ")"});
    facts.add(new String[] {"Environment", h.environment() == null ? "not declared"
        : h.environment() + (r.dryRun() ? " (dry run: nothing changed)" : "")});
    facts.add(new String[] {"Run id", h.runId() == null ? "none" : h.runId()});
    facts.add(new String[] {"Started", r.started().toString()});
    facts.add(new String[] {"Finished", r.finished().toString()});
    facts.add(new String[] {"Duration", ValueFormat.duration(r.duration())});
    facts.add(new String[] {"Exit code", Integer.toString(exitCode)});
    if (r.abort() != null) {
      facts.add(new String[] {"Aborted", r.abort().reason() + " (in " + r.abort().phase() + ")"});
    }
    facts.add(new String[] {"Blast radius cap", h.blastRadius() == null ? "not declared"
        : h.blastRadius()});
    if (h.owner() != null) {
      facts.add(new String[] {"Owner", h.owner()});
    }
    page.facts(facts).close();
  }

  private static String phaseKey(List<RunPhase> phases) {
    StringBuilder out = new StringBuilder("<ul class=\"legend\">");
    for (RunPhase p : phases) {
      Svg swatch = new Svg(14, 14, "phase " + p.label());
      swatch.rect(1, 1, 12, 12, "bar phase-" + p.label().replace(' ', '-'), null);
      out.append("<li>").append(swatch.done()).append(' ').append(Html.escape(p.label()))
          .append("</li>");
    }
    return out.append("</ul>").toString();
  }

  private static void series(Page page, List<Series> all, TimeScale time, Marks marks) {
    page.heading(2, "Observed series");
    if (all.isEmpty()) {
      page.paragraph("none", "Nothing was sampled: the run reached no observe, guard or check.");
      return;
    }
    for (Series s : all) {
      page.heading(3, s.title());
      page.paragraph("sub", s.summary());
      page.open("chart").markup(SeriesChart.render(s, time, marks)).close();
    }
  }

  private static void steps(Page page, RunResult r) {
    page.heading(2, "Steps");
    if (r.steps().isEmpty()) {
      page.paragraph("none", "The runbook has no step.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    int n = 0;
    for (StepResult s : r.steps()) {
      rows.add(List.of(Integer.toString(++n), s.name(), "status:" + s.status().label(),
          Integer.toString(s.attempts()), s.duration() == null ? ""
              : ValueFormat.duration(s.duration()), s.undo() == null ? "" : s.undo(),
          (s.message() == null ? "" : s.message()) + (s.where() == null ? "" : " at "
              + s.where())));
    }
    page.table(List.of("#", "step", "status", "attempts", "took", "undone by", "message"), rows);
  }

  private static void undo(Page page, RunResult r) {
    page.heading(2, "Undo");
    if (r.undos().isEmpty()) {
      page.paragraph("none", "Nothing was registered to undo.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (UndoResult u : r.undos()) {
      rows.add(List.of(u.description(), u.kind().name().toLowerCase(Locale.ROOT),
          u.step() == null ? "" : u.step(),
          "status:" + u.status().name().toLowerCase(Locale.ROOT),
          Integer.toString(u.attempts()), u.message() == null ? "" : u.message()));
    }
    page.table(List.of("undo", "kind", "step", "status", "attempts", "message"), rows);
    if (!r.remaining().isEmpty()) {
      page.heading(3, "Still disrupted (undo these by hand)");
      page.list(r.remaining().stream().map(UndoResult::description).toList());
    }
  }

  private static void blastRadius(Page page, RunResult r) {
    page.heading(2, "Blast radius");
    page.paragraph("sub", r.header().blastRadius() == null
        ? "The runbook declares no blast_radius cap."
        : "Declared cap: " + r.header().blastRadius() + " of the targets of any one mutation.");
    if (r.disruptions().isEmpty()) {
      page.paragraph("none", r.dryRun() ? "None: a dry run changes nothing."
          : "No mutation was made.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (RunResult.Disruption d : r.disruptions()) {
      rows.add(List.of(d.where(), d.call(), d.affected().isEmpty() ? "not counted" : d.affected(),
          d.result()));
    }
    page.table(List.of("where", "mutation", "affected", "result"), rows);
  }

  private static void recovery(Page page, RunResult r) {
    page.heading(2, "Recovery");
    RunResult.Recovery rec = r.recovery();
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Measured", !rec.ran() ? "not measured (no recovery phase ran)"
        : rec.recovered() ? ValueFormat.duration(rec.time()) : "not recovered"});
    facts.add(new String[] {"Deadline", rec.within() == null ? "none" : rec.within()});
    if (rec.lastProblem() != null) {
      facts.add(new String[] {"Last problem", rec.lastProblem()});
    }
    for (ImpactFigures.Figure f : ImpactFigures.of(r.records())) {
      if (f.measured() || !f.record().equals("rto")) {
        facts.add(new String[] {f.label(), f.shown()});
      }
    }
    page.open("card").facts(facts).close();
    if (!r.records().isEmpty()) {
      page.heading(3, "Recorded");
      List<List<String>> rows = new ArrayList<>();
      r.records().forEach((k, v) -> rows.add(List.of(k, v)));
      page.table(List.of("record", "value"), rows);
    }
  }

  private static void problems(Page page, RunResult r) {
    page.heading(2, "Problems");
    if (r.problems().isEmpty()) {
      page.paragraph("none", "None.");
    } else {
      page.list(r.problems());
    }
    List<String[]> actions = ReportText.improvements(r);
    if (!actions.isEmpty()) {
      page.heading(3, "Improvement actions");
      page.table(List.of("priority", "action"),
          actions.stream().map(a -> List.of(a[0], a[1])).toList());
    }
  }
}
