package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * What follows undo and recovery for incident response: the escalation is started by an undo
 * that failed or a recovery that was not met (an abort starts it earlier), resolved once undo is
 * done and recovery met, watched while a failed recovery may still come right, and handed over
 * when the run ends with it unresolved; a run whose guards warned observes longer after
 * recovery (the guards' `extend`), and recovery must hold all that time.
 */
final class Aftermath {
  private final RunContext run;
  private final Interpreter interpreter;

  Aftermath(RunContext run) {
    this.run = run;
    this.interpreter = run.interpreter;
  }

  /** After undo: a failed undo is a problem the run cannot resolve itself. */
  boolean undoFailed() {
    for (UndoResult u : run.result.undos) {
      if (u.status() == UndoResult.Status.FAILED) {
        run.escalation.start("undo failed: " + u.description()
            + (u.message() == null ? "" : ": " + u.message()));
        return true;
      }
    }
    return false;
  }

  /**
   * After recovery ({@code r} null: the runbook has none) when undo was done: resolves the
   * escalation or, for a recovery not met, escalates and keeps watching it; then observes
   * longer if a guard warned.
   */
  void afterRecovery(Member.Recovery r) {
    RunResult.Recovery rec = run.result.recovery;
    if (r == null || rec.recovered()) {
      run.escalation.resolve(r == null ? "undo done" : "undo done, recovered in "
          + ValueFormat.duration(rec.time()));
      extend(r);
      return;
    }
    run.escalation.start("not recovered within " + rec.within()
        + (rec.lastProblem() == null ? "" : ": " + rec.lastProblem()));
    watch(r);
  }

  /**
   * The run is ending: an escalation still unresolved is handed over ({@code how}: "with undo
   * failed"), and the incident response goes into the report as figures (`guard_warnings`,
   * `escalation`).
   */
  void end(String how) {
    if (run.escalation.unresolved()) {
      run.escalation.handOver(how);
    }
    Site site = new Site(Section.NOTIFY, "", null, null, false);
    String warnings = run.warnings.summary();
    if (warnings != null) {
      interpreter.record("guard_warnings", Value.str(warnings), site);
    }
    String escalation = run.escalation.summary();
    if (escalation != null) {
      interpreter.record("escalation", Value.str(escalation), site);
    }
  }

  /**
   * A failed recovery stays escalated while the recovery block is sampled on its interval, until
   * it holds (resolved; the verdict stays `not_recovered`) or every level has been told.
   */
  private void watch(Member.Recovery r) {
    if (!run.escalation.unresolved()) {
      return;
    }
    Frame f = frame();
    try {
      Duration every = every(r, f);
      Instant deadlineMissed = run.clock.now();
      while (!run.escalation.allLevelsTold()) {
        run.clock.sleep(every);
        Sample s = run.probes.block(Section.RECOVERY, "", r.body());
        interpreter.emit(new RunEvent.ProbeSampled(interpreter.now(), "recovery", "recovery",
            s.outcome(), null, s.detail(), s.message(), "escalation"));
        if (s.outcome() == ProbeOutcome.TRUE) {
          Duration late = Duration.between(deadlineMissed, run.clock.now());
          run.result.problems.add("recovered " + ValueFormat.duration(late)
              + " after the recovery deadline, while escalated");
          run.escalation.resolve("recovered " + ValueFormat.duration(late)
              + " after the deadline");
          return;
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (Failure f2) {
      run.result.problems.add("watching the recovery failed: " + f2.getMessage());
    }
  }

  /**
   * A run whose guards warned observes for the longest `extend` more after recovery: the
   * observes go on and the recovery block, when there is one, must hold on every sample.
   */
  private void extend(Member.Recovery r) {
    Duration extension = run.warnings.extension();
    if (extension == null || run.options.dryRun()) {
      return;
    }
    Instant until = run.clock.now().plus(extension);
    interpreter.emit(new RunEvent.Log(interpreter.now(), Section.RECOVERY.label(), "", null,
        null, "a guard warned: observing " + ValueFormat.duration(extension)
            + " longer, until " + until));
    try {
      if (r == null) {
        run.clock.sleepUntil(until);
        return;
      }
      Frame f = frame();
      Duration every = every(r, f);
      while (run.clock.now().isBefore(until)) {
        Instant next = run.clock.now().plus(every);
        run.clock.sleepUntil(next.isAfter(until) ? until : next);
        Sample s = run.probes.block(Section.RECOVERY, "", r.body());
        interpreter.emit(new RunEvent.ProbeSampled(interpreter.now(), "recovery", "recovery",
            s.outcome(), null, s.detail(), s.message(), "extended"));
        if (s.outcome() != ProbeOutcome.TRUE) {
          String why = "recovery did not hold through the extended observation ("
              + ValueFormat.duration(extension) + " after a guard warning): " + s.message();
          RunResult.Recovery met = run.result.recovery;
          run.result.recovery = new RunResult.Recovery(true, false, met.within(), null, why);
          interpreter.emit(new RunEvent.Recovery(interpreter.now(), false, null, null, why));
          run.escalation.start(why);
          watch(r);
          return;
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (Failure f2) {
      run.result.problems.add("the extended observation failed: " + f2.getMessage());
    }
  }

  private Frame frame() {
    return new Frame(run.program, run.runbookEnv,
        new Site(Section.RECOVERY, "", null, null, false));
  }

  private Duration every(Member.Recovery r, Frame f) throws InterruptedException {
    Duration every = r.every() == null ? Executor.DEFAULT_POLL
        : ((Value.Duration) interpreter.evaluator().eval(r.every(), f)).value();
    return every.isZero() ? Executor.DEFAULT_POLL : every;
  }
}
