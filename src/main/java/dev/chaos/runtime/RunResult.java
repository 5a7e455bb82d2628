package dev.chaos.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished run knows, for the reports: the runbook's header, what each check,
 * probe, step and undo did, the figures recorded and the mutations made (or, in a dry run, the
 * plan of those it would make). Instants are on the
 * run's clock (virtual in the sandbox).
 */
public record RunResult(Header header, boolean dryRun, Instant started, Instant finished,
    Outcome outcome, String reason, Abort abort, List<Check> preconditions, List<Check> verifies,
    List<ProbeSummary> guards, List<ProbeSummary> throughout, List<ObserveSummary> observes,
    List<StepResult> steps, List<UndoResult> undos, Recovery recovery,
    Map<String, String> records, List<Disruption> disruptions, List<Planned> plan,
    List<String> problems) {

  public RunResult {
    preconditions = List.copyOf(preconditions);
    verifies = List.copyOf(verifies);
    guards = List.copyOf(guards);
    throughout = List.copyOf(throughout);
    observes = List.copyOf(observes);
    steps = List.copyOf(steps);
    undos = List.copyOf(undos);
    records = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(records));
    disruptions = List.copyOf(disruptions);
    plan = List.copyOf(plan);
    problems = List.copyOf(problems);
  }

  /** This result with one more problem for the report (one that changes no verdict). */
  RunResult withProblem(String problem) {
    List<String> more = new java.util.ArrayList<>(problems);
    more.add(problem);
    return new RunResult(header, dryRun, started, finished, outcome, reason, abort,
        preconditions, verifies, guards, throughout, observes, steps, undos, recovery, records,
        disruptions, plan, more);
  }

  public Duration duration() {
    return Duration.between(started, finished);
  }

  /** The undos that did not succeed: what may still be disrupted. */
  public List<UndoResult> remaining() {
    return undos.stream().filter(u -> u.status() == UndoResult.Status.FAILED).toList();
  }

  /**
   * The runbook's header attributes as evaluated; absent ones are null (tags: empty); and the
   * run's id ({@link RunId}).
   */
  public record Header(String file, String name, String title, String objective,
      String environment, String owner, List<String> tags, String blastRadius,
      String maxDuration, String window, String lock, String runId) {
    public Header {
      tags = List.copyOf(tags);
    }

    Header withRunId(String id) {
      return new Header(file, name, title, objective, environment, owner, tags, blastRadius,
          maxDuration, window, lock, id);
    }
  }

  /** Why and where the run was aborted (or interrupted); null when it was not. */
  public record Abort(String reason, String phase) {}

  /** A precondition or a point-in-time verify, evaluated once. */
  public record Check(String name, ProbeOutcome outcome, String detail, String message) {}

  /** A guard or a `throughout` verify: how often it saw each outcome, and the first problem. */
  public record ProbeSummary(String name, String every, int samples, int trues, int falses,
      int errors, ProbeOutcome last, String lastDetail, String firstProblem, boolean tripped) {}

  /** An `observe`: its value at the baseline, the sample farthest from it, the last one. */
  public record ObserveSummary(String name, String every, String baseline, String peak,
      String recovered, int samples, int errors, String lastError) {}

  /** One step: how it ended, after how many attempts, and why when it did not pass. */
  public record StepResult(String name, Status status, int attempts, Duration duration,
      String message, String where, String undo) {
    public enum Status {
      PASSED, FAILED, TIMED_OUT, ABORTED, INTERRUPTED, NOT_RUN, DRY_RUN;

      public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      }
    }
  }

  /** One undo: a step's undo block, an automatic inverse, or the rollback. */
  public record UndoResult(String step, String description, Kind kind, Status status,
      int attempts, String message) {
    public enum Kind { BLOCK, INVERSE, ROLLBACK }

    public enum Status { DONE, FAILED, SKIPPED }
  }

  /**
   * The recovery phase: {@code time} is the measured recovery time (null when it did not
   * recover or did not run); {@code within} is the runbook's deadline.
   */
  public record Recovery(boolean ran, boolean recovered, String within, Duration time,
      String lastProblem) {
    public static final Recovery NONE = new Recovery(false, false, null, null, null);
  }

  /**
   * A mutation a dry run would make, in the order met: where (`step "kill pods"`, `rollback`),
   * the builtin, and what its driver said it would do. {@code registersUndo}: the preview's undo
   * would be registered, as for a call in a step (in an undo block, a rollback or `on abort`
   * nothing undoes the undo).
   */
  public record Planned(String where, String fn, dev.chaos.spi.Preview preview,
      boolean registersUndo) {}

  /** The undos the plan's mutations would register, in the order undo would run them. */
  public List<String> plannedUndo() {
    List<String> out = new java.util.ArrayList<>();
    for (int i = plan.size() - 1; i >= 0; i--) {
      String undo = plan.get(i).preview().undo();
      if (plan.get(i).registersUndo() && !undo.isEmpty()) {
        out.add(undo);
      }
    }
    return out;
  }

  /** A mutation made: where, the call with its arguments, and what it answered. */
  /** {@code affected} says how much of its targets the call hit ("1 of 5 pods of ... (20%)"), or is empty. */
  public record Disruption(String where, String call, String result, String affected) {}
}
