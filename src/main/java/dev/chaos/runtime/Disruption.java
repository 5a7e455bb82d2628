package dev.chaos.runtime;

import dev.chaos.check.ImplicitRecords;
import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run from the first step on: the steps with their guards, point-in-time verifies,
 * `on abort`, undo (always, once any step started), recovery and the last observe samples.
 * Never throws: whatever happens, undo runs and a result comes back.
 */
final class Disruption {
  private final RunContext run;
  private final Interpreter interpreter;
  private final StepRunner steps;
  private boolean anyStarted;

  Disruption(RunContext run) {
    this.run = run;
    this.interpreter = run.interpreter;
    this.steps = new StepRunner(interpreter, run.program, run.runbookEnv, run.undo, run.stopper,
        run.runDeadline);
  }

  RunResult run() {
    boolean dry = run.options.dryRun();
    try {
      boolean completed = runSteps(dry);
      endSteps();
      if (completed && run.stopper.stopped() == null) {
        verifies(dry);
      }
    } catch (RuntimeException | Error bug) {
      // a bug of ours must not keep undo from running
      anyStarted = true;
      run.result.problems.add("internal error, the run stopped: " + bug);
      run.result.steps.add(new StepResult("(internal error)", StepResult.Status.FAILED, 1,
          Duration.ZERO, bug.toString(), null, null));
      endSteps();
    }
    run.stopMaxDurationWatch();
    Stopper.Stop stop = run.stopper.stopped();
    if (stop != null) {
      run.result.abort = new RunResult.Abort(stop.reason(), stop.phase().label());
    }
    Aftermath aftermath = new Aftermath(run);
    if (anyStarted && stop != null && stop.kind() != Stopper.Kind.SIGNAL) {
      run.escalation.start(stop.reason());
    }
    if (anyStarted && stop != null) {
      onAbort(stop, dry);
    }
    boolean undoFailed = false;
    if (anyStarted) {
      run.phase(RunPhase.UNDO, false);
      undo(dry);
      undoFailed = !dry && aftermath.undoFailed();
    }
    if (anyStarted && !dry && (stop == null || stop.kind() != Stopper.Kind.SIGNAL)) {
      member(Member.Recovery.class).ifPresent(this::recovery);
      if (!undoFailed) {
        aftermath.afterRecovery(member(Member.Recovery.class).orElse(null));
      }
    }
    run.phase(RunPhase.REPORT, false);
    try {
      if (anyStarted && !dry && run.stopper.stopped() == stop) {
        run.probeSet.finalSample();
      }
      run.probeSet.stopObserves();
    } catch (InterruptedException ignored) {
      Thread.interrupted();
    }
    aftermath.end(undoFailed ? "with undo failed" : run.result.recovery.ran()
        && !run.result.recovery.recovered() ? "not recovered" : "unresolved");
    return Verdict.decide(run.result, run.stopper.stopped(), run.probeSet, run.clock.now());
  }

  private boolean runSteps(boolean dry) {
    run.phase(RunPhase.STEPS, true);
    if (dry) {
      try {
        run.probeSet.guardsOnce();
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    } else {
      run.probeSet.startDuringSteps(run.stopper, run.warnings);
    }
    boolean completed = true;
    for (Member m : run.runbook.members()) {
      if (!(m instanceof Member.Step step)) {
        continue;
      }
      if (!completed || run.stopper.stopped() != null) {
        completed = false;
        run.result.steps.add(new StepResult(step.name().text(), StepResult.Status.NOT_RUN, 0,
            Duration.ZERO, null, null, null));
        continue;
      }
      if (!anyStarted) {
        anyStarted = true;
        member(Member.Rollback.class).filter(r -> !dry)
            .ifPresent(r -> run.undo.registerRollback(r.span(), () -> rollback(r, false)));
      }
      StepResult result = steps.run(step);
      run.result.steps.add(result);
      completed = result.status() == StepResult.Status.PASSED
          || result.status() == StepResult.Status.DRY_RUN;
    }
    return completed;
  }

  /** Guards and `throughout` verifies stop here; a guard that tripped just now still counts. */
  private void endSteps() {
    run.phase(RunPhase.STEPS_ENDED, false);
    try {
      run.probeSet.stopDuringSteps();
    } catch (InterruptedException ignored) {
      Thread.interrupted();
    }
  }

  private void verifies(boolean dry) {
    run.phase(RunPhase.VERIFY, true);
    for (Member m : run.runbook.members()) {
      if (m instanceof Member.Verify v && !v.throughout()) {
        if (dry) {
          interpreter.emit(new RunEvent.Log(interpreter.now(), Section.VERIFY.label(),
              v.name().text(), null, null,
              "would verify \"" + v.name().text() + "\" after the steps"));
          continue;
        }
        try {
          run.result.verifies.add(run.check(Section.VERIFY, v.name().text(), v.body()));
        } catch (InterruptedException stopped) {
          return; // the stop is kept by the stopper and decides the outcome
        }
      }
    }
  }

  private void onAbort(Stopper.Stop stop, boolean dry) {
    member(Member.OnAbort.class).ifPresent(block -> {
      run.phase(RunPhase.ON_ABORT, false);
      interpreter.emit(new RunEvent.Abort(interpreter.now(), stop.reason(), stop.phase()));
      Environment env = run.runbookEnv.child();
      env.define(Environment.ABORT, ImplicitRecords.abort(stop.reason(), stop.phase().label()));
      Site site = new Site(Section.ON_ABORT, "", null, null, dry);
      try {
        interpreter.executor().block(block.body(), new Frame(run.program, env, site));
      } catch (Failure f) {
        run.result.problems.add("`on abort` failed: " + f.getMessage() + " at " + f.where());
      } catch (InterruptedException | RuntimeException bad) {
        Thread.interrupted();
        run.result.problems.add("`on abort` failed: " + bad);
      }
    });
  }

  private void undo(boolean dry) {
    if (!dry) {
      run.result.undos.addAll(run.undo.undoAll());
      return;
    }
    List<Member.Step> started = new ArrayList<>();
    for (Member m : run.runbook.members()) {
      if (m instanceof Member.Step s) {
        started.add(0, s);
      }
    }
    try {
      for (Member.Step s : started) {
        if (s.undo() != null) {
          steps.dryUndo(s);
        }
      }
      var rollback = member(Member.Rollback.class);
      if (rollback.isPresent()) {
        rollback(rollback.get(), true);
      }
    } catch (InterruptedException | RuntimeException walkFailed) {
      Thread.interrupted();
      interpreter.emit(new RunEvent.Log(interpreter.now(), Section.UNDO.label(), "", null, null,
          "could not walk the undo: " + walkFailed.getMessage()));
    }
  }

  private void rollback(Member.Rollback r, boolean dry) throws InterruptedException {
    Site site = new Site(Section.ROLLBACK, "", null, null, dry);
    interpreter.executor().block(r.body(), new Frame(run.program, run.runbookEnv, site));
  }

  /** Waits until the recovery block holds; the time it takes is the measured recovery time. */
  private void recovery(Member.Recovery r) {
    run.phase(RunPhase.RECOVERY, true);
    Frame f = new Frame(run.program, run.runbookEnv,
        new Site(Section.RECOVERY, "", null, null, false));
    String withinShown = r.within().span().text();
    Duration withinValue = null;
    String last = null;
    try {
      Duration within = ((Value.Duration) interpreter.evaluator().eval(r.within(), f)).value();
      Duration every = r.every() == null ? Executor.DEFAULT_POLL
          : ((Value.Duration) interpreter.evaluator().eval(r.every(), f)).value();
      withinShown = ValueFormat.duration(within);
      withinValue = within;
      Instant start = run.clock.now();
      Instant deadline = start.plus(within);
      interpreter.emit(new RunEvent.WaitUntil(interpreter.now(), Section.RECOVERY.label(), "",
          "recovery", every, within, deadline, false));
      while (true) {
        Sample s = run.probes.block(Section.RECOVERY, "", r.body());
        interpreter.emit(new RunEvent.ProbeSampled(interpreter.now(), "recovery", "recovery",
            s.outcome(), null, s.detail(), s.message(), null));
        Instant now = run.clock.now();
        if (s.outcome() == ProbeOutcome.TRUE) {
          Duration took = Duration.between(start, now);
          interpreter.emit(new RunEvent.Recovery(interpreter.now(), true, took, within, null));
          run.result.recovery = new RunResult.Recovery(true, true, withinShown, took, null);
          return;
        }
        last = s.message();
        if (!now.isBefore(deadline)) {
          break;
        }
        Instant next = now.plus(every.isZero() ? Executor.DEFAULT_POLL : every);
        run.clock.sleepUntil(next.isAfter(deadline) ? deadline : next);
      }
    } catch (InterruptedException stopped) {
      last = "interrupted";
    } catch (Failure f2) {
      last = f2.getMessage();
    }
    interpreter.emit(new RunEvent.Recovery(interpreter.now(), false, null, withinValue, last));
    run.result.recovery = new RunResult.Recovery(true, false, withinShown, null, last);
  }

  private <T extends Member> java.util.Optional<T> member(Class<T> kind) {
    return run.runbook.members().stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }
}
