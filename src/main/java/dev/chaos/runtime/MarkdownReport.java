package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.Check;
import dev.chaos.runtime.RunResult.ProbeSummary;
import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.types.ValueFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's report in Markdown, following the seed's "Analysis Report Template": experiment
 * details, hypothesis (the objective), observations (each `observe` as baseline -> peak ->
 * recovered, the checks with their three outcomes, the steps), failures detected, successes,
 * improvement actions, undo, metrics (measured recovery time, blast radius actually applied,
 * every `record`) and a conclusion.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(RunResult r) {
    StringBuilder md = new StringBuilder("# Chaos Experiment Report\n\n");
    RunResult.Header h = r.header();
    md.append("**").append(h.title()).append("**: ").append(r.outcome().label())
        .append(r.reason() == null ? "" : " (" + r.reason() + ")").append("\n\n");
    details(md, r);
    md.append("## Hypothesis\n\n").append(h.objective() == null
        ? "_The runbook states no `objective`._" : h.objective()).append("\n\n");
    DryRunPlan.markdown(md, r);
    observations(md, r);
    List<String> failures = r.problems();
    md.append("### Failures Detected\n\n");
    numbered(md, failures, "None.");
    md.append("### Successes\n\n");
    numbered(md, successes(r), "None.");
    improvements(md, r);
    undo(md, r);
    metrics(md, r);
    md.append("## Conclusion\n\n").append(ReportText.conclusion(r)).append("\n");
    return md.toString();
  }

  private static void details(StringBuilder md, RunResult r) {
    RunResult.Header h = r.header();
    md.append("## Experiment Details\n\n");
    item(md, "Date/Time", r.started().toString());
    item(md, "Scenario", h.title() + " (`" + h.name() + "`, " + h.file() + ")");
    if (h.runId() != null) {
      item(md, "Run", h.runId());
    }
    item(md, "Duration", ValueFormat.duration(r.duration()));
    item(md, "Blast Radius", h.blastRadius() == null ? "not declared"
        : h.blastRadius() + " (the runbook's cap)");
    item(md, "Environment", h.environment() + (r.dryRun() ? " (dry run: nothing changed)" : ""));
    if (h.owner() != null) {
      item(md, "Owner", h.owner());
    }
    if (!h.tags().isEmpty()) {
      item(md, "Tags", String.join(", ", h.tags()));
    }
    if (h.window() != null) {
      item(md, "Window", h.window());
    }
    item(md, "Outcome", r.outcome().label());
    if (r.abort() != null) {
      item(md, "Aborted", r.abort().reason() + " (in " + r.abort().phase() + ")");
    }
    md.append('\n');
  }

  private static void observations(StringBuilder md, RunResult r) {
    md.append("## Observations\n\n### System Behavior\n\n");
    if (r.observes().isEmpty() && r.records().isEmpty() && !r.recovery().ran()) {
      md.append("_Nothing was observed: the runbook has no `observe`._\n");
    }
    for (RunResult.ObserveSummary o : r.observes()) {
      md.append("- ").append(o.name()).append(": ").append(or(o.baseline())).append(" → ")
          .append(or(o.peak())).append(" → ").append(or(o.recovered())).append(" (baseline → peak"
              + " → recovered; ").append(o.samples()).append(" samples every ").append(o.every())
          .append(o.errors() > 0 ? ", " + o.errors() + " failed" : "").append(")\n");
    }
    r.records().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    if (r.recovery().ran()) {
      md.append("- Recovery time: ").append(r.recovery().recovered()
          ? ValueFormat.duration(r.recovery().time())
          : "not recovered within " + r.recovery().within()).append('\n');
    }
    md.append("\n### Checks\n\n");
    md.append("| Check | Result | True | False | Error | Last seen |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Check c : r.preconditions()) {
      checkRow(md, "precondition \"" + c.name() + "\"", c);
    }
    for (ProbeSummary g : r.guards()) {
      probeRow(md, "guard \"" + g.name() + "\" every " + g.every(), g, g.tripped() ? "tripped"
          : g.samples() == 0 ? "not sampled" : "held");
    }
    for (ProbeSummary t : r.throughout()) {
      probeRow(md, "verify \"" + t.name() + "\" throughout", t, t.samples() == 0 ? "not sampled"
          : t.falses() + t.errors() == 0 ? "held" : "failed");
    }
    for (Check c : r.verifies()) {
      checkRow(md, "verify \"" + c.name() + "\"", c);
    }
    if (r.recovery().ran()) {
      md.append("| recovery within ").append(r.recovery().within()).append(" | ")
          .append(r.recovery().recovered() ? "held after "
              + ValueFormat.duration(r.recovery().time()) : "not in time")
          .append(" | | | | ").append(cell(r.recovery().lastProblem())).append(" |\n");
    }
    md.append("\n### Steps\n\n| Step | Result | Attempts | Duration | Undo |\n");
    md.append("|---|---|---|---|---|\n");
    for (StepResult s : r.steps()) {
      md.append("| ").append(cell(s.name())).append(" | ").append(s.status().label())
          .append(s.message() == null ? "" : ": " + cell(s.message())).append(" | ")
          .append(s.attempts()).append(" | ").append(ValueFormat.duration(s.duration()))
          .append(" | ").append(s.undo() == null ? "" : s.undo()).append(" |\n");
    }
    md.append('\n');
  }

  private static void checkRow(StringBuilder md, String name, Check c) {
    md.append("| ").append(cell(name)).append(" | ").append(c.outcome().label()).append(" | ")
        .append(c.outcome() == ProbeOutcome.TRUE ? 1 : 0).append(" | ")
        .append(c.outcome() == ProbeOutcome.FALSE ? 1 : 0).append(" | ")
        .append(c.outcome() == ProbeOutcome.ERROR ? 1 : 0).append(" | ")
        .append(cell(c.message() != null ? c.message() : c.detail())).append(" |\n");
  }

  private static void probeRow(StringBuilder md, String name, ProbeSummary p, String result) {
    md.append("| ").append(cell(name)).append(" | ").append(result).append(" | ")
        .append(p.trues()).append(" | ").append(p.falses()).append(" | ").append(p.errors())
        .append(" | ").append(cell(p.firstProblem() != null ? p.firstProblem() : p.lastDetail()))
        .append(" |\n");
  }

  private static List<String> successes(RunResult r) {
    List<String> out = new ArrayList<>();
    long held = r.preconditions().stream().filter(c -> c.outcome() == ProbeOutcome.TRUE).count();
    if (held > 0 && held == r.preconditions().size()) {
      out.add((held == 1 ? "the precondition" : "all " + held + " preconditions")
          + " held before anything changed");
    }
    r.steps().stream().filter(s -> s.status() == StepResult.Status.PASSED)
        .forEach(s -> out.add("step \"" + s.name() + "\" passed"));
    r.guards().stream().filter(g -> g.samples() > 0 && g.falses() + g.errors() == 0)
        .forEach(g -> out.add("guard \"" + g.name() + "\" held on all " + g.samples()
            + " samples"));
    r.throughout().stream().filter(t -> t.samples() > 0 && t.falses() + t.errors() == 0)
        .forEach(t -> out.add("verify \"" + t.name() + "\" held throughout (" + t.samples()
            + " samples)"));
    r.verifies().stream().filter(v -> v.outcome() == ProbeOutcome.TRUE)
        .forEach(v -> out.add("verify \"" + v.name() + "\" held"));
    if (r.recovery().recovered()) {
      out.add("recovered in " + ValueFormat.duration(r.recovery().time()) + " (deadline "
          + r.recovery().within() + ")");
    }
    long undone = r.undos().stream().filter(u -> u.status() == UndoResult.Status.DONE).count();
    if (undone > 0 && r.remaining().isEmpty()) {
      out.add("every undo succeeded (" + undone + ")");
    }
    return out;
  }

  private static void improvements(StringBuilder md, RunResult r) {
    md.append("## Improvement Actions\n\n| Priority | Action Item | Owner | Due Date |\n");
    md.append("|----------|-------------|-------|----------|\n");
    String owner = r.header().owner() == null ? "to assign" : "@" + r.header().owner();
    List<String[]> rows = ReportText.improvements(r);
    if (rows.isEmpty()) {
      md.append("| - | No failure to act on in this run | | |\n");
    }
    for (String[] row : rows) {
      md.append("| ").append(row[0]).append(" | ").append(cell(row[1])).append(" | ")
          .append(owner).append(" | to schedule |\n");
    }
    md.append('\n');
  }

  private static void undo(StringBuilder md, RunResult r) {
    md.append("## Undo\n\n");
    if (r.undos().isEmpty()) {
      md.append(r.steps().stream().anyMatch(s -> s.status() != StepResult.Status.NOT_RUN)
          ? "Nothing was registered to undo.\n\n" : "No step started: nothing to undo.\n\n");
      return;
    }
    for (UndoResult u : r.undos()) {
      md.append("- ").append(u.status().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
          .append(u.description())
          .append(u.attempts() > 1 ? " (" + u.attempts() + " attempts)" : "")
          .append(u.message() == null ? "" : ": " + u.message()).append('\n');
    }
    if (!r.remaining().isEmpty()) {
      md.append("\n**Still disrupted** (undo these by hand):\n\n");
      r.remaining().forEach(u -> md.append("- ").append(u.description()).append('\n'));
    }
    md.append('\n');
  }

  private static void metrics(StringBuilder md, RunResult r) {
    md.append("## Metrics\n\n");
    RunResult.Recovery rec = r.recovery();
    String measured = !rec.ran() ? "not measured (no recovery phase ran)"
        : rec.recovered() ? ValueFormat.duration(rec.time()) : "not recovered";
    item(md, "RTO (Recovery Time Objective)", measured
        + (rec.within() == null ? "" : " (Target: " + rec.within() + ")"));
    for (ImpactFigures.Figure f : ImpactFigures.of(r.records())) {
      // the runbook's own RTO only where it measured one: the run's is the line above
      if (f.measured() || !f.record().equals("rto")) {
        item(md, f.label(), f.shown());
      }
    }
    item(md, "MTTR (Mean Time To Recovery)", rec.recovered()
        ? ValueFormat.duration(rec.time()) + " (one recovery in this run)" : measured);
    if (r.disruptions().isEmpty()) {
      item(md, "Blast Radius Actual", r.dryRun() ? "none (dry run)" : "no mutation was made");
    } else {
      String hit = r.disruptions().stream().map(RunResult.Disruption::affected)
          .filter(a -> !a.isEmpty()).collect(java.util.stream.Collectors.joining("; "));
      item(md, "Blast Radius Actual", (hit.isEmpty() ? "" : hit + "; ")
          + r.disruptions().size() + " mutation" + (r.disruptions().size() == 1 ? "" : "s")
          + (r.header().blastRadius() == null ? ""
              : " within the declared cap of " + r.header().blastRadius()) + ":");
      for (RunResult.Disruption d : r.disruptions()) {
        md.append("  - `").append(d.call()).append("` in ").append(d.where())
            .append(d.result().equals("()") ? "" : " → " + d.result())
            .append(d.affected().isEmpty() ? "" : " (affected " + d.affected() + ")")
            .append('\n');
      }
    }
    if (!r.records().isEmpty()) {
      md.append("- **Recorded**:\n");
      r.records().forEach((k, v) -> md.append("  - ").append(k).append(": ").append(v)
          .append('\n'));
    }
    md.append('\n');
  }

  private static void item(StringBuilder md, String key, String value) {
    md.append("- **").append(key).append("**: ").append(value).append('\n');
  }

  private static void numbered(StringBuilder md, List<String> items, String none) {
    if (items.isEmpty()) {
      md.append(none).append("\n\n");
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      md.append(i + 1).append(". ").append(items.get(i)).append('\n');
    }
    md.append('\n');
  }

  private static String or(String value) {
    return value == null ? "n/a" : value;
  }

  /** Text for a table cell: on one line, with `|` escaped. */
  static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
