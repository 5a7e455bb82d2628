package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.spi.Clock;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import java.time.Instant;

/** What the phases of one run share. */
final class RunContext {
  final CheckedProgram program;
  final Decl.Runbook runbook;
  final RunOptions options;
  final Interpreter interpreter;
  final Clock clock;
  final Stopper stopper;
  final Environment runbookEnv = Environment.root();
  final UndoStack undo;
  final ResultBuilder result;
  RunHeader header;
  Probes probes;
  RunProbes probeSet;
  Instant runDeadline;
  Thread maxDurationWatch;
  /** Incident response: nobody to escalate to until {@link Incidents#open} finds a policy. */
  Escalation escalation;
  GuardWarnings warnings;

  RunContext(CheckedProgram program, Decl.Runbook runbook, RunOptions options,
      Interpreter interpreter, Stopper stopper) {
    this.program = program;
    this.runbook = runbook;
    this.options = options;
    this.interpreter = interpreter;
    this.clock = interpreter.clock();
    this.stopper = stopper;
    this.undo = new UndoStack(interpreter);
    this.result = new ResultBuilder(clock.now(), options.dryRun());
    this.result.interpreter = interpreter;
    this.escalation = new Escalation(interpreter, dev.chaos.spi.Escalations.NONE, null,
        runbook.name().text());
    this.warnings = new GuardWarnings(interpreter, escalation, runbook.name().text());
  }

  /** Enters a phase; undo and `on abort` are not interruptible, so that they always finish. */
  void phase(RunPhase phase, boolean interruptible) {
    stopper.phase(phase, interruptible);
    interpreter.emit(new RunEvent.PhaseEntered(interpreter.now(), phase));
  }

  /**
   * A precondition or a point-in-time verify, evaluated once. A stop that came while it ran
   * surfaces as an interrupt, not as the check's error.
   */
  RunResult.Check check(Section section, String name, Block body) throws InterruptedException {
    Sample s = probes.block(section, name, body);
    if (Thread.interrupted()
        || s.outcome() == ProbeOutcome.ERROR && stopper.stopped() != null) {
      throw new InterruptedException(); // a driver that turned the interrupt into an error
    }
    interpreter.emit(new RunEvent.CheckEvaluated(interpreter.now(), section.label(), name,
        s.outcome(), s.detail(), s.message()));
    return new RunResult.Check(name, s.outcome(), s.detail(), s.message());
  }

  void stopMaxDurationWatch() {
    if (maxDurationWatch != null) {
      maxDurationWatch.interrupt();
      maxDurationWatch = null;
    }
  }
}
