package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.Check;
import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.runtime.RunResult.UndoResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gathers what a run did, phase by phase, into its {@link RunResult}. */
final class ResultBuilder {
  final Instant started;
  final boolean dryRun;
  RunResult.Header header;
  final List<Check> preconditions = new ArrayList<>();
  final List<Check> verifies = new ArrayList<>();
  final List<StepResult> steps = new ArrayList<>();
  final List<UndoResult> undos = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  RunResult.Recovery recovery = RunResult.Recovery.NONE;
  RunResult.Abort abort;
  RunProbes probes;
  Interpreter interpreter;
  String runId;

  ResultBuilder(Instant started, boolean dryRun) {
    this.started = started;
    this.dryRun = dryRun;
  }

  RunResult build(Outcome outcome, String reason, Instant finished) {
    RunResult.Header shown = header != null ? header
        : new RunResult.Header("", "", "", null, null, null, List.of(), null, null, null, null,
            runId);
    return new RunResult(shown, dryRun, started, finished, outcome, reason, abort,
        preconditions, verifies,
        probes == null ? List.of() : probes.guardSummaries(),
        probes == null ? List.of() : probes.throughoutSummaries(),
        probes == null ? List.of() : probes.observeSummaries(),
        steps, undos, recovery,
        interpreter == null ? java.util.Map.of() : interpreter.records(),
        interpreter == null ? List.of() : interpreter.disruptions(),
        interpreter == null ? List.of() : interpreter.plan(), problems);
  }
}
