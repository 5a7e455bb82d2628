package dev.chaos.runtime;

import dev.chaos.types.ValueFormat;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The run's report as JSON: the same facts as the Markdown report, for machines. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(RunResult r) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    RunResult.Header h = r.header();
    ObjectNode runbook = root.putObject("runbook");
    runbook.put("name", h.name());
    runbook.put("title", h.title());
    runbook.put("file", h.file());
    runbook.put("objective", h.objective());
    runbook.put("environment", h.environment());
    runbook.put("owner", h.owner());
    ArrayNode tags = runbook.putArray("tags");
    h.tags().forEach(tags::add);
    runbook.put("blast_radius", h.blastRadius());
    runbook.put("max_duration", h.maxDuration());
    runbook.put("window", h.window());
    root.put("run_id", h.runId());
    root.put("dry_run", r.dryRun());
    root.put("started", r.started().toString());
    root.put("finished", r.finished().toString());
    root.put("duration", ValueFormat.duration(r.duration()));
    root.put("outcome", r.outcome().label());
    root.put("reason", r.reason());
    if (r.abort() != null) {
      ObjectNode abort = root.putObject("abort");
      abort.put("reason", r.abort().reason());
      abort.put("phase", r.abort().phase());
    }
    checks(root.putArray("preconditions"), r.preconditions());
    probes(root.putArray("guards"), r.guards());
    probes(root.putArray("throughout"), r.throughout());
    checks(root.putArray("verifies"), r.verifies());
    ArrayNode observes = root.putArray("observes");
    for (RunResult.ObserveSummary o : r.observes()) {
      ObjectNode n = observes.addObject();
      n.put("name", o.name());
      n.put("every", o.every());
      n.put("baseline", o.baseline());
      n.put("peak", o.peak());
      n.put("recovered", o.recovered());
      n.put("samples", o.samples());
      n.put("errors", o.errors());
      n.put("last_error", o.lastError());
    }
    ArrayNode steps = root.putArray("steps");
    for (RunResult.StepResult s : r.steps()) {
      ObjectNode n = steps.addObject();
      n.put("name", s.name());
      n.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
      n.put("attempts", s.attempts());
      n.put("duration", shown(s.duration()));
      n.put("message", s.message());
      n.put("where", s.where());
      n.put("undo", s.undo());
    }
    ArrayNode undos = root.putArray("undo");
    for (RunResult.UndoResult u : r.undos()) {
      ObjectNode n = undos.addObject();
      n.put("description", u.description());
      n.put("step", u.step());
      n.put("kind", u.kind().name().toLowerCase(java.util.Locale.ROOT));
      n.put("status", u.status().name().toLowerCase(java.util.Locale.ROOT));
      n.put("attempts", u.attempts());
      n.put("message", u.message());
    }
    ArrayNode remaining = root.putArray("still_disrupted");
    r.remaining().forEach(u -> remaining.add(u.description()));
    ObjectNode recovery = root.putObject("recovery");
    recovery.put("ran", r.recovery().ran());
    recovery.put("recovered", r.recovery().recovered());
    recovery.put("within", r.recovery().within());
    recovery.put("time", r.recovery().time() == null ? null : shown(r.recovery().time()));
    recovery.put("last_problem", r.recovery().lastProblem());
    ObjectNode records = root.putObject("records");
    r.records().forEach(records::put);
    ObjectNode impact = root.putObject("impact");
    ImpactFigures.of(r.records()).forEach(f -> impact.put(f.record(), f.value()));
    ArrayNode disruptions = root.putArray("mutations");
    for (RunResult.Disruption d : r.disruptions()) {
      ObjectNode n = disruptions.addObject();
      n.put("where", d.where());
      n.put("call", d.call());
      n.put("result", d.result());
      if (!d.affected().isEmpty()) {
        n.put("affected", d.affected());
      }
    }
    DryRunPlan.json(root, r);
    ArrayNode problems = root.putArray("failures");
    r.problems().forEach(problems::add);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static void checks(ArrayNode out, java.util.List<RunResult.Check> checks) {
    for (RunResult.Check c : checks) {
      ObjectNode n = out.addObject();
      n.put("name", c.name());
      n.put("outcome", c.outcome().label());
      n.put("detail", c.detail());
      n.put("message", c.message());
    }
  }

  private static void probes(ArrayNode out, java.util.List<RunResult.ProbeSummary> probes) {
    for (RunResult.ProbeSummary p : probes) {
      ObjectNode n = out.addObject();
      n.put("name", p.name());
      n.put("every", p.every());
      n.put("samples", p.samples());
      n.put("true", p.trues());
      n.put("false", p.falses());
      n.put("error", p.errors());
      n.put("last", p.last() == null ? null : p.last().label());
      n.put("last_detail", p.lastDetail());
      n.put("first_problem", p.firstProblem());
      n.put("tripped", p.tripped());
    }
  }

  private static String shown(Duration d) {
    return ValueFormat.duration(d);
  }
}
