package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.StepResult;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a run that got to its steps, and the list of what went wrong (the report's
 * "Failures Detected"). When several outcomes apply the most serious wins: an undo that failed,
 * then an interrupt, an abort, a failed step or verify, and last a recovery that did not come.
 */
final class Verdict {
  private Verdict() {}

  static RunResult decide(ResultBuilder r, Stopper.Stop stop, RunProbes probes, Instant now) {
    r.probes = probes;
    List<String> problems = r.problems;
    RunResult.ProbeSummary tripped = null;
    for (RunResult.ProbeSummary g : probes.guardSummaries()) {
      if (g.tripped()) {
        tripped = g;
        problems.add(0, "guard \"" + g.name() + "\" " + (g.last() == ProbeOutcome.ERROR
            ? "could not be evaluated" : "was false") + ": " + g.firstProblem());
      }
    }
    StepResult failedStep = null;
    for (StepResult s : r.steps) {
      if (s.status() == StepResult.Status.FAILED || s.status() == StepResult.Status.TIMED_OUT) {
        failedStep = failedStep == null ? s : failedStep;
        problems.add("step \"" + s.name() + "\" " + s.status().label() + ": " + s.message()
            + (s.where() == null || s.where().isEmpty() ? "" : " at " + s.where())
            + (s.attempts() > 1 ? " (after " + s.attempts() + " attempts)" : ""));
      }
    }
    String failedVerify = null;
    for (RunResult.Check v : r.verifies) {
      if (v.outcome() != ProbeOutcome.TRUE) {
        String text = "verify \"" + v.name() + "\" " + (v.outcome() == ProbeOutcome.ERROR
            ? "could not be evaluated" : "was false") + ": " + v.message();
        failedVerify = failedVerify == null ? text : failedVerify;
        problems.add(text);
      }
    }
    for (RunResult.ProbeSummary t : probes.throughoutSummaries()) {
      if (t.falses() > 0 || t.errors() > 0) {
        String text = "verify \"" + t.name() + "\" (throughout) did not hold on "
            + (t.falses() + t.errors()) + " of " + t.samples() + " samples (" + t.falses()
            + " false, " + t.errors() + " error): " + t.firstProblem();
        failedVerify = failedVerify == null ? text : failedVerify;
        problems.add(text);
      }
    }
    for (RunResult.ObserveSummary o : probes.observeSummaries()) {
      if (o.errors() > 0) {
        problems.add("observe " + o.name() + ": " + o.errors() + " of " + o.samples()
            + " samples failed: " + o.lastError());
      }
    }
    List<RunResult.UndoResult> remaining = r.undos.stream()
        .filter(u -> u.status() == RunResult.UndoResult.Status.FAILED).toList();
    for (RunResult.UndoResult u : remaining) {
      problems.add("undo failed after " + u.attempts() + " attempts: " + u.description() + ": "
          + u.message());
    }
    if (r.recovery.ran() && !r.recovery.recovered()) {
      problems.add("not recovered within " + r.recovery.within()
          + (r.recovery.lastProblem() == null ? "" : ": " + r.recovery.lastProblem()));
    }

    Outcome outcome;
    String reason;
    if (!remaining.isEmpty()) {
      outcome = Outcome.UNDO_FAILED;
      reason = remaining.size() + (remaining.size() == 1 ? " undo" : " undos")
          + " failed; the world may still be disrupted";
    } else if (stop != null && stop.kind() == Stopper.Kind.SIGNAL) {
      outcome = Outcome.INTERRUPTED;
      reason = stop.reason();
    } else if (stop != null) {
      outcome = Outcome.ABORTED;
      reason = stop.reason();
    } else if (failedStep != null) {
      outcome = Outcome.FAILED;
      reason = "step \"" + failedStep.name() + "\" " + failedStep.status().label() + ": "
          + failedStep.message();
    } else if (failedVerify != null) {
      outcome = Outcome.FAILED;
      reason = failedVerify;
    } else if (r.recovery.ran() && !r.recovery.recovered()) {
      outcome = Outcome.NOT_RECOVERED;
      reason = "not recovered within " + r.recovery.within();
    } else {
      outcome = Outcome.PASSED;
      reason = r.dryRun ? "dry run: nothing was changed" : null;
    }
    if (tripped != null && outcome == Outcome.ABORTED && reason == null) {
      reason = tripped.firstProblem();
    }
    return r.build(outcome, reason, now);
  }
}
