package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.check.ImplicitRecords;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The header attributes of a runbook, evaluated (they are read-only expressions, usually
 * literals): what the report shows, and what the run obeys (`max_duration`, `window`,
 * `blast_radius`).
 */
final class RunHeader {
  final RunResult.Header shown;
  final Duration maxDuration;
  final Double blastRadiusPercent;
  private final LocalTime windowFrom;
  private final LocalTime windowTo;
  private final ZoneId zone;

  private RunHeader(RunResult.Header shown, Duration maxDuration, Double blastRadiusPercent,
      LocalTime windowFrom, LocalTime windowTo, ZoneId zone) {
    this.shown = shown;
    this.maxDuration = maxDuration;
    this.blastRadiusPercent = blastRadiusPercent;
    this.windowFrom = windowFrom;
    this.windowTo = windowTo;
    this.zone = zone;
  }

  static RunHeader evaluate(Interpreter interpreter, CheckedProgram program, Decl.Runbook runbook)
      throws InterruptedException {
    Frame f = new Frame(program, Environment.root(),
        new Site(Section.HEADER, "", null, null, false));
    Evaluator ev = interpreter.evaluator();
    String title = null;
    String objective = null;
    String environment = null;
    String owner = null;
    String lock = null;
    List<String> tags = new ArrayList<>();
    Value.Percent blast = null;
    Value.Duration max = null;
    Member.Window window = null;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Window w) {
        window = w;
      }
      if (!(m instanceof Member.Attribute a)) {
        continue;
      }
      switch (a.key().name()) {
        case "environment" -> environment = a.value() instanceof Expr.Name n ? n.name()
            : ev.text(a.value(), f);
        case "title" -> title = ev.text(a.value(), f);
        case "objective" -> objective = ev.text(a.value(), f);
        case "owner" -> owner = ev.text(a.value(), f);
        case "lock" -> lock = ev.text(a.value(), f);
        case "tags" -> ((Value.List) ev.eval(a.value(), f)).items()
            .forEach(t -> tags.add(t.display()));
        case "blast_radius" -> blast = (Value.Percent) ev.eval(a.value(), f);
        case "max_duration" -> max = (Value.Duration) ev.eval(a.value(), f);
        default -> { }
      }
    }
    LocalTime from = null;
    LocalTime to = null;
    ZoneId zone = null;
    String windowShown = null;
    if (window != null) {
      from = ((Value.TimeOfDay) ev.eval(window.from(), f)).value();
      to = ((Value.TimeOfDay) ev.eval(window.to(), f)).value();
      zone = window.zone() == null ? ZoneId.of("UTC") : ZoneId.of(ev.text(window.zone(), f));
      windowShown = new Value.TimeOfDay(from).display() + " to " + new Value.TimeOfDay(to).display()
          + " " + zone.getId();
    }
    String name = runbook.name().text();
    RunResult.Header shown = new RunResult.Header(program.source().path(), name,
        title == null ? name : title, objective, environment, owner, tags,
        blast == null ? null : blast.display(), max == null ? null : max.display(), windowShown,
        lock, null);
    return new RunHeader(shown, max == null ? null : max.value(),
        blast == null ? null : blast.value(), from, to, zone);
  }

  /** Null when the run may start at {@code now}; else why not. */
  String outsideWindow(Instant now) {
    if (windowFrom == null) {
      return null;
    }
    LocalTime t = now.atZone(zone).toLocalTime();
    boolean inside = windowFrom.isBefore(windowTo)
        ? !t.isBefore(windowFrom) && t.isBefore(windowTo)
        : !t.isBefore(windowFrom) || t.isBefore(windowTo); // spans midnight
    return inside ? null : "outside the window " + shown.window() + " (it is "
        + new Value.TimeOfDay(t).display() + " " + zone.getId() + ")";
  }

  /** The `window` for the journal, null without one. */
  RunEvent.Window window() {
    return windowFrom == null ? null : new RunEvent.Window(windowFrom, windowTo, zone.getId());
  }

  /** The implicit `runbook` value. */
  Value.Rec runbookValue() {
    return ImplicitRecords.runbook(shown.name(),
        shown.environment() == null ? "" : shown.environment(), shown.title());
  }
}
