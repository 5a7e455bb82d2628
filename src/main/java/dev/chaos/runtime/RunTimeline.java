package dev.chaos.runtime;

import dev.chaos.runtime.html.Magnitude;
import dev.chaos.runtime.html.Marks;
import dev.chaos.runtime.html.Series;
import dev.chaos.runtime.html.TimelineChart;
import dev.chaos.types.ValueFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the charts of `report.html` draw, read from the run's journaled events: every sampled
 * figure as a series, the phases, steps, chaos window, undo and recovery as lanes, and the
 * instants to mark (step starts, guard violations, the abort, the recovery deadline).
 */
final class RunTimeline {
  /** An expectation's detail as journaled: `0.4% < 5%`, `5 == 5`, `180ms <= 500ms`. */
  private static final Pattern COMPARISON =
      Pattern.compile("^(.+?) (==|!=|<=|>=|<|>) (.+)$", Pattern.DOTALL);
  private final List<RunEvent> events;
  private final Instant start;
  private final Instant end;

  RunTimeline(List<RunEvent> events, Instant started, Instant finished) {
    this.events = List.copyOf(events);
    Instant first = started;
    Instant last = finished;
    for (RunEvent e : events) {
      first = e.time().isBefore(first) ? e.time() : first;
      // a recovery deadline is a promise, not a time the run reached
      if (!(e instanceof RunEvent.WaitUntil || e instanceof RunEvent.Wait)) {
        last = e.time().isAfter(last) ? e.time() : last;
      }
    }
    this.start = first;
    this.end = last;
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return end;
  }

  /** Every sampled figure, in the order first met; {@code r} gives the summaries' words. */
  List<Series> series(RunResult r) {
    Map<String, SeriesBuilder> byKey = new LinkedHashMap<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.ProbeSampled s) {
        if (s.moment() != null && s.moment().equals("dry run")) {
          continue;
        }
        String kind = switch (s.kind()) {
          case "verify" -> "verify (throughout)";
          case "recovery" -> "recovery condition";
          default -> s.kind();
        };
        String name = s.kind().equals("observe") ? s.name()
            : s.kind().equals("recovery") ? "" : "\"" + s.name() + "\"";
        SeriesBuilder b = byKey.computeIfAbsent(kind + "\u0000" + name,
            k -> new SeriesBuilder(kind, name, s.kind(), s.name()));
        String moment = s.moment() == null ? "" : " (" + s.moment() + ")";
        if (s.kind().equals("observe")) {
          String shown = s.value() == null ? "no value" : shown(s.value());
          b.add(s.time(), Magnitude.of(s.value()).orElse(null), null, null, s.outcome(),
              (s.outcome() == ProbeOutcome.TRUE ? shown : s.message()) + moment);
        } else {
          comparison(b, s.time(), s.detail(), s.outcome(), s.message(), moment);
        }
      } else if (e instanceof RunEvent.CheckEvaluated c) {
        String name = "\"" + c.name() + "\"";
        SeriesBuilder b = byKey.computeIfAbsent(c.kind() + "\u0000" + name,
            k -> new SeriesBuilder(c.kind(), name, c.kind(), c.name()));
        comparison(b, c.time(), c.detail(), c.outcome(), c.message(), "");
      }
    }
    List<Series> out = new ArrayList<>();
    for (SeriesBuilder b : byKey.values()) {
      out.add(b.build(summary(b, r)));
    }
    return out;
  }

  private static void comparison(SeriesBuilder b, Instant time, String detail,
      ProbeOutcome outcome, String message, String moment) {
    Magnitude seen = null;
    Magnitude threshold = null;
    String op = null;
    if (detail != null) {
      Matcher m = COMPARISON.matcher(detail.trim());
      if (m.matches()) {
        seen = Magnitude.parse(m.group(1).trim()).orElse(null);
        threshold = Magnitude.parse(m.group(3).trim()).orElse(null);
        op = m.group(2);
      } else {
        seen = Magnitude.parse(detail.trim()).orElse(null);
      }
    }
    String tip = (detail == null ? "" : detail)
        + (message == null ? "" : (detail == null ? "" : ": ") + message) + moment;
    b.add(time, seen, threshold, op, outcome, tip.isEmpty() ? outcome.label() : tip);
  }

  private static String summary(SeriesBuilder b, RunResult r) {
    int held = 0;
    int falses = 0;
    int errors = 0;
    for (Series.Point p : b.points) {
      switch (p.outcome()) {
        case "true" -> held++;
        case "false" -> falses++;
        default -> errors++;
      }
    }
    String counts = b.points.size() + (b.points.size() == 1 ? " sample" : " samples");
    if (b.sourceKind.equals("observe")) {
      for (RunResult.ObserveSummary o : r.observes()) {
        if (o.name().equals(b.sourceName)) {
          return "baseline " + or(o.baseline()) + " \u2192 peak " + or(o.peak())
              + " \u2192 recovered " + or(o.recovered()) + "; " + counts + " every " + o.every()
              + (errors > 0 ? ", " + errors + " failed" : "");
        }
      }
      return counts + (errors > 0 ? ", " + errors + " failed" : "");
    }
    String every = "";
    boolean tripped = false;
    for (RunResult.ProbeSummary p : b.sourceKind.equals("guard") ? r.guards()
        : b.sourceKind.equals("verify") ? r.throughout() : List.<RunResult.ProbeSummary>of()) {
      if (p.name().equals(b.sourceName)) {
        every = " every " + p.every();
        tripped = p.tripped();
      }
    }
    return counts + every + ": " + held + " held" + (falses > 0 ? ", " + falses + " did not" : "")
        + (errors > 0 ? ", " + errors + " failed" : "") + (tripped ? "; it tripped" : "");
  }

  Marks marks() {
    return marks(null);
  }

  /**
   * {@code abort}: the run's, when it was aborted; a guard's trip journals no abort event of
   * its own, so the abort is then marked where the step it stopped ended.
   */
  Marks marks(RunResult.Abort abort) {
    List<Marks.Span> spans = new ArrayList<>();
    List<Marks.Mark> marks = new ArrayList<>();
    RunEvent.PhaseEntered baseline = phase(RunPhase.BASELINE);
    if (baseline != null) {
      spans.add(new Marks.Span(Marks.Kind.BASELINE, baseline.time(), phaseEnd(baseline),
          "baseline phase"));
    }
    Instant[] chaos = chaosWindow();
    if (chaos != null) {
      spans.add(new Marks.Span(Marks.Kind.CHAOS, chaos[0], chaos[1], "chaos window"));
    }
    int step = 0;
    for (RunEvent e : events) {
      if (e instanceof RunEvent.StepStarted s) {
        marks.add(new Marks.Mark(Marks.Kind.STEP, s.time(),
            "step " + ++step + " \"" + s.step() + "\" starts"));
      } else if (e instanceof RunEvent.ProbeSampled s && s.kind().equals("guard")
          && s.outcome() != ProbeOutcome.TRUE) {
        marks.add(new Marks.Mark(Marks.Kind.VIOLATION, s.time(), "guard \"" + s.name() + "\" "
            + (s.outcome() == ProbeOutcome.FALSE ? "did not hold" : "failed")
            + (s.message() == null ? "" : ": " + s.message())));
      } else if (e instanceof RunEvent.GuardWarning w && w.raised()) {
        marks.add(new Marks.Mark(Marks.Kind.WARNING, w.time(), "guard \"" + w.guard()
            + "\" warned: " + w.message()));
      } else if (e instanceof RunEvent.EscalationStep x && x.action().equals("notified")) {
        marks.add(new Marks.Mark(Marks.Kind.ESCALATION, x.time(), "escalation level "
            + x.level() + ": told " + String.join(", ", x.contacts())));
      } else if (e instanceof RunEvent.Abort a) {
        marks.add(new Marks.Mark(Marks.Kind.ABORT, a.time(),
            "aborted in " + a.phase().label() + ": " + a.reason()));
      } else if (e instanceof RunEvent.WaitUntil w && "recovery".equals(w.section())) {
        marks.add(new Marks.Mark(Marks.Kind.DEADLINE, w.until(), "recovery deadline (within "
            + ValueFormat.duration(w.within()) + ")"));
      }
    }
    if (abort != null && marks.stream().noneMatch(m -> m.kind() == Marks.Kind.ABORT)) {
      Instant at = null;
      for (RunEvent e : events) {
        if (e instanceof RunEvent.StepFinished f && at == null
            && (f.status() == RunResult.StepResult.Status.ABORTED
                || f.status() == RunResult.StepResult.Status.INTERRUPTED)) {
          at = f.time();
        }
      }
      if (at == null) {
        at = marks.stream().filter(m -> m.kind() == Marks.Kind.VIOLATION).map(Marks.Mark::at)
            .reduce((a, b) -> b).orElse(null);
      }
      if (at != null) {
        marks.add(new Marks.Mark(Marks.Kind.ABORT, at, "aborted in " + abort.phase() + ": "
            + abort.reason()));
      }
    }
    return new Marks(spans, marks);
  }

  /**
   * From the start of the first step that made a change (not in a dry run) to the end of the
   * last undo; without an undo, to the end of the steps.
   */
  private Instant[] chaosWindow() {
    Instant from = null;
    Instant stepStart = null;
    for (RunEvent e : events) {
      if (e instanceof RunEvent.StepStarted s) {
        stepStart = s.time();
      } else if (e instanceof RunEvent.Call c && !c.dryRun() && c.section().equals("step")) {
        from = stepStart == null ? c.time() : stepStart;
        break;
      }
    }
    if (from == null) {
      return null;
    }
    Instant to = null;
    for (RunEvent e : events) {
      if (e instanceof RunEvent.UndoFinished u && !u.time().isBefore(from)) {
        to = u.time();
      }
    }
    if (to == null) {
      Instant stepsEnded = phaseStart(RunPhase.STEPS_ENDED);
      to = stepsEnded != null && !stepsEnded.isBefore(from) ? stepsEnded : end;
    }
    return new Instant[] {from, to};
  }

  /** The lanes of the timeline: phases, each step, the chaos window, the undos, recovery. */
  List<TimelineChart.Row> rows() {
    List<TimelineChart.Row> rows = new ArrayList<>();
    List<TimelineChart.Bar> phases = new ArrayList<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.PhaseEntered p) {
        Instant to = phaseEnd(p);
        phases.add(new TimelineChart.Bar(p.time(), to, "phase-" + p.phase().label()
            .replace(' ', '-'), null, "phase " + p.phase().label()));
      }
    }
    if (!phases.isEmpty()) {
      rows.add(new TimelineChart.Row("phases", phases));
    }
    Map<String, Instant> started = new LinkedHashMap<>();
    Map<String, RunEvent.StepFinished> finished = new LinkedHashMap<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.StepStarted s) {
        started.putIfAbsent(s.step(), s.time());
      } else if (e instanceof RunEvent.StepFinished f) {
        finished.put(f.step(), f);
      }
    }
    int n = 0;
    for (Map.Entry<String, Instant> s : started.entrySet()) {
      RunEvent.StepFinished f = finished.get(s.getKey());
      Instant to = f == null ? end : f.time();
      String status = f == null ? "interrupted" : f.status().label();
      rows.add(new TimelineChart.Row("step " + ++n, List.of(new TimelineChart.Bar(s.getValue(),
          to, "step-" + status.replace(' ', '-'), s.getKey() + " (" + status + ")",
          "step \"" + s.getKey() + "\": " + status + (f != null && f.message() != null
              ? ": " + f.message() : "")))));
    }
    Instant[] chaos = chaosWindow();
    if (chaos != null) {
      rows.add(new TimelineChart.Row("chaos", List.of(new TimelineChart.Bar(chaos[0], chaos[1],
          "chaos", "chaos window", "chaos window: first mutating step start to undo end"))));
    }
    List<TimelineChart.Bar> undos = new ArrayList<>();
    Map<Integer, Instant> undoStarted = new LinkedHashMap<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.UndoStarted u) {
        undoStarted.putIfAbsent(u.id(), u.time());
      } else if (e instanceof RunEvent.UndoFinished u && (u.ok() || u.retryIn() == null)) {
        Instant from = undoStarted.getOrDefault(u.id(), u.time());
        undos.add(new TimelineChart.Bar(from, u.time(), u.ok() ? "undo-done" : "undo-failed",
            undos.isEmpty() ? u.description() + (u.ok() ? "" : " (failed)") : null,
            "undo " + u.description() + ": " + (u.ok() ? "done" : "failed: " + u.error())));
      }
    }
    if (!undos.isEmpty()) {
      rows.add(new TimelineChart.Row("undo", undos));
    }
    for (RunEvent e : events) {
      if (e instanceof RunEvent.Recovery rec) {
        Instant from = phaseStart(RunPhase.RECOVERY);
        String words = rec.recovered() ? "recovered in " + ValueFormat.duration(rec.took())
            : "not recovered within " + ValueFormat.duration(rec.within());
        rows.add(new TimelineChart.Row("recovery", List.of(new TimelineChart.Bar(
            from == null ? rec.time() : from, rec.time(),
            rec.recovered() ? "phase-recovery" : "undo-failed", words,
            words + (rec.message() == null ? "" : ": " + rec.message())))));
      }
    }
    return rows;
  }

  /** The phases met in the run, in order, for the key under the timeline. */
  List<RunPhase> phases() {
    List<RunPhase> out = new ArrayList<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.PhaseEntered p && !out.contains(p.phase())) {
        out.add(p.phase());
      }
    }
    return out;
  }

  private RunEvent.PhaseEntered phase(RunPhase phase) {
    for (RunEvent e : events) {
      if (e instanceof RunEvent.PhaseEntered p && p.phase() == phase) {
        return p;
      }
    }
    return null;
  }

  private Instant phaseStart(RunPhase phase) {
    RunEvent.PhaseEntered p = phase(phase);
    return p == null ? null : p.time();
  }

  /** When the phase entered by {@code self} gave way to the next one (else the run's end). */
  private Instant phaseEnd(RunEvent.PhaseEntered self) {
    boolean after = false;
    for (RunEvent e : events) {
      if (e == self) {
        after = true;
      } else if (after && e instanceof RunEvent.PhaseEntered) {
        return e.time();
      }
    }
    return end;
  }

  private static String shown(Object tree) {
    return tree instanceof String s ? s : dev.chaos.types.JsonTree.write(tree);
  }

  private static String or(String text) {
    return text == null ? "n/a" : text;
  }

  /** The samples of one series as they are met, and the unit of the first figure. */
  private static final class SeriesBuilder {
    final String kind;
    final String name;
    final String sourceKind;
    final String sourceName;
    final List<Series.Point> points = new ArrayList<>();
    Magnitude.Unit unit;
    Double threshold;
    String comparison;

    SeriesBuilder(String kind, String name, String sourceKind, String sourceName) {
      this.kind = kind;
      this.name = name;
      this.sourceKind = sourceKind;
      this.sourceName = sourceName;
    }

    void add(Instant time, Magnitude seen, Magnitude limit, String op, ProbeOutcome outcome,
        String tip) {
      if (seen != null && unit == null) {
        unit = seen.unit();
      }
      Double value = seen != null && seen.unit() == unit ? seen.value() : null;
      if (limit != null && limit.unit() == unit) {
        threshold = limit.value();
        comparison = op;
      }
      points.add(new Series.Point(time, value, outcome.label(), tip));
    }

    Series build(String summary) {
      return new Series(kind, name, unit, points, threshold, comparison, summary);
    }
  }
}
