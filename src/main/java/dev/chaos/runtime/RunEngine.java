package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.spi.Backend;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.RunLock;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one checked runbook, in the order of contract section 6: the header and the refusals
 * (`--env`, `window`), runbook lets, every precondition, the baseline, then the steps and all
 * that follows them ({@link Disruption}). {@link #run()} runs on the calling thread, which takes
 * part in the backend's clock; {@link #interrupt} may be called from any thread (a signal
 * handler).
 */
public final class RunEngine {
  private final CheckedProgram program;
  private final Decl.Runbook runbook;
  private final Backend backend;
  private final RunOptions options;
  private final RunListener listener;
  private volatile Stopper stopper;
  private volatile String pendingSignal;
  private volatile UndoStack undo;
  private final String runId;

  /** {@code program} must have checked without errors. */
  public RunEngine(CheckedProgram program, Backend backend, RunOptions options,
      RunListener listener) {
    this.program = program;
    this.runbook = program.runbook().orElseThrow(
        () -> new IllegalArgumentException(program.source().path() + " has no runbook"));
    this.backend = backend;
    this.options = options;
    this.listener = listener;
    this.runId = options.runId() != null ? options.runId()
        : RunId.next(runbook.name().text(), java.time.LocalDateTime.now());
  }

  /**
   * Ctrl-C or SIGTERM: stops the run where it is; undo still runs, then the run ends
   * `interrupted`. Returns false when the run was already stopping for another reason.
   */
  public boolean interrupt(String why) {
    Stopper s = stopper;
    if (s == null) {
      pendingSignal = why;
      return true;
    }
    return s.stop(Stopper.Kind.SIGNAL, why);
  }

  /** What undo has not done yet (registered undos, the rollback): left behind if the run dies. */
  public List<String> undoRemaining() {
    UndoStack u = undo;
    return u == null ? List.of() : u.remaining();
  }

  /** The phase the run is in: `preconditions`, `steps`, `undo`, ... */
  public String phase() {
    Stopper s = stopper;
    return (s == null ? RunPhase.START : s.phase()).label();
  }

  public RunResult run() {
    Clock clock = backend.clock();
    try (Clock.Registration registration = clock.register()) {
      Stopper s = new Stopper(Thread.currentThread());
      stopper = s;
      if (pendingSignal != null) {
        s.stop(Stopper.Kind.SIGNAL, pendingSignal);
      }
      Interpreter interpreter = new Interpreter(backend,
          new RunFacts(runbook.name().text(), null, null, options.dryRun()), options, listener);
      RunContext run = new RunContext(program, runbook, options, interpreter, s);
      undo = run.undo;
      run.result.runId = runId;
      RunResult result = start(run);
      Thread.interrupted(); // a stop aimed at this run must not outlive it
      interpreter.emit(new RunEvent.RunFinished(interpreter.now(), result.outcome(),
          result.reason(), result.remaining().stream()
              .map(RunResult.UndoResult::description).toList(), result.duration()));
      return result;
    }
  }

  private RunResult start(RunContext run) {
    Interpreter interpreter = run.interpreter;
    try {
      run.header = RunHeader.evaluate(interpreter, program, runbook);
    } catch (InterruptedException | RuntimeException bad) {
      return run.result.build(Outcome.REFUSED, "the header did not evaluate: "
          + (bad instanceof Failure f ? f.getMessage() + " at " + f.where() : bad.toString()),
          run.clock.now());
    }
    RunResult.Header shown = run.header.shown;
    run.result.header = shown.withRunId(runId);
    interpreter.setFacts(new RunFacts(shown.name(), shown.environment(),
        run.header.blastRadiusPercent, options.dryRun()));
    run.runbookEnv.define(Environment.RUNBOOK, run.header.runbookValue());
    interpreter.emit(new RunEvent.RunStarted(interpreter.now(), shown.name(), shown.title(),
        shown.file(), shown.environment(), options.dryRun(), run.header.maxDuration,
        run.header.blastRadiusPercent == null ? null
            : Value.percent(run.header.blastRadiusPercent), run.header.window(), shown.lock(),
        runId));
    String refusal = refusal(run);
    if (refusal == null) {
      try {
        refusal = Incidents.open(run, backend);
      } catch (InterruptedException | RuntimeException bad) {
        refusal = "the `escalation_policy` attribute did not evaluate: " + bad;
      }
    }
    if (refusal != null) {
      return run.result.build(Outcome.REFUSED, refusal, run.clock.now());
    }
    RunLock lock;
    try {
      lock = takeLock(run);
    } catch (RunLock.Refused | InterruptedException | RuntimeException e) {
      // whatever keeps the lock from being taken (a cluster that cannot be reached, a broken
      // kubeconfig), the run must not start without it
      return run.result.build(Outcome.REFUSED, "cannot take the lock `" + shown.lock() + "`: "
          + e.getMessage(), run.clock.now());
    }
    RunResult result = null;
    try {
      result = beforeSteps(run);
      result = result != null ? result : new Disruption(run).run();
    } finally {
      run.stopMaxDurationWatch();
      String notReleased = release(run.interpreter, lock);
      if (notReleased != null && result != null) {
        result = result.withProblem(notReleased);
      }
    }
    return result;
  }

  /**
   * Gives the lock back; a lock that could not be given back is said (a line of the journal and
   * of the console, and a problem of the report) but changes no verdict: it expires on its own.
   * Returns what went wrong, or null.
   */
  private static String release(Interpreter interpreter, RunLock lock) {
    try {
      lock.release();
      return null;
    } catch (RunLock.NotReleased | RuntimeException e) {
      String text = e instanceof RunLock.NotReleased ? e.getMessage()
          : "could not release the lock: " + e;
      // the section undo, as `chaos recover` says it: the lock is given back once undo is over
      interpreter.emit(new RunEvent.Log(interpreter.now(), Section.UNDO.label(), "", null,
          "lock", text));
      return text;
    }
  }

  /**
   * The runbook's `lock`, held until undo and recovery are over; the backend keeps it alive
   * while the run lasts. A lock that cannot be kept stops the run as a guard would (undo runs),
   * with a reason naming the lock. A dry run changes nothing and takes no lock.
   */
  private RunLock takeLock(RunContext run) throws RunLock.Refused, InterruptedException {
    RunResult.Header shown = run.header.shown;
    if (shown.lock() == null || options.dryRun()) {
      return RunLock.RECORDED;
    }
    RunLock.Holder holder = LockHolder.of(runId, shown.name(), options.journal(),
        run.clock.now());
    RunLock taken = backend.lock(shown.lock(), holder, why -> run.stopper.stop(
        Stopper.Kind.LOCK, "lost the lock `" + shown.lock() + "`: " + why));
    if (taken != RunLock.RECORDED) {
      // forced to disk: `chaos recover` releases exactly this holder's lock
      listener.on(new RunEvent.LockTaken(backend.clock().now(), shown.lock(),
          holder.identity()));
    }
    return taken;
  }

  private String refusal(RunContext run) {
    String env = options.environment();
    String declared = run.header.shown.environment();
    if (env != null && !env.equals(declared)) {
      return "the runbook is for environment `" + declared + "`, not `" + env + "`";
    }
    return run.header.outsideWindow(run.clock.now());
  }

  /**
   * Lets, preconditions and baseline: nothing has changed yet, so nothing is undone. Returns the
   * result of a run that ends here (every step reported not run), or null to go on.
   */
  private RunResult beforeSteps(RunContext run) {
    RunResult ended = prepare(run);
    if (ended == null) {
      return null;
    }
    List<RunResult.StepResult> notRun = new ArrayList<>();
    for (Member m : runbook.members()) {
      if (m instanceof Member.Step step) {
        notRun.add(new RunResult.StepResult(step.name().text(),
            RunResult.StepResult.Status.NOT_RUN, 0, java.time.Duration.ZERO, null, null, null));
      }
    }
    return new RunResult(ended.header(), ended.dryRun(), ended.started(), ended.finished(),
        ended.outcome(), ended.reason(), ended.abort(), ended.preconditions(), ended.verifies(),
        ended.guards(), ended.throughout(), ended.observes(), notRun, ended.undos(),
        ended.recovery(), ended.records(), ended.disruptions(), ended.plan(), ended.problems());
  }

  private RunResult prepare(RunContext run) {
    Clock clock = run.clock;
    if (run.header.maxDuration != null && !options.dryRun()) {
      run.runDeadline = clock.now().plus(run.header.maxDuration);
      run.maxDurationWatch = watchMaxDuration(run, run.runDeadline);
    }
    Frame runbookFrame = new Frame(program, run.runbookEnv,
        new Site(Section.LET, "", run.runDeadline, null, false));
    run.probes = new Probes(run.interpreter, program, run.runbookEnv);
    try {
      run.phase(RunPhase.LETS, true);
      for (Member m : runbook.members()) {
        if (m instanceof Member.Let let) {
          Value v = run.interpreter.evaluator().eval(let.value(), runbookFrame);
          run.runbookEnv.define(let, v);
          run.interpreter.emit(new RunEvent.LetDefined(run.interpreter.now(),
              let.name().name(), EventValues.of(v)));
        }
      }
      run.probeSet = new RunProbes(run.interpreter, run.probes, runbook, runbookFrame);
      run.result.probes = run.probeSet;
      run.phase(RunPhase.PRECONDITIONS, true);
      for (Member m : runbook.members()) {
        if (m instanceof Member.Precondition p) {
          run.result.preconditions.add(run.check(Section.PRECONDITION, p.name().text(),
              p.body()));
        }
      }
      RunResult failed = preconditionsFailed(run);
      if (failed != null) {
        return failed;
      }
      run.phase(RunPhase.BASELINE, true);
      run.probeSet.baseline();
    } catch (InterruptedException stopped) {
      Stopper.Stop stop = run.stopper.stopped();
      boolean aborted = stop != null && stop.kind() != Stopper.Kind.SIGNAL;
      if (stop != null) {
        run.result.abort = new RunResult.Abort(stop.reason(), stop.phase().label());
      }
      return run.result.build(aborted ? Outcome.ABORTED : Outcome.INTERRUPTED,
          (stop == null ? "interrupted" : stop.reason()) + " before any step; nothing changed",
          clock.now());
    } catch (Failure f) {
      String text = "a runbook `let` failed: " + f.getMessage() + " at " + f.where();
      run.result.problems.add(text);
      return run.result.build(Outcome.PRECONDITION_FAILED, text + "; nothing changed",
          clock.now());
    }
    return null;
  }

  private static RunResult preconditionsFailed(RunContext run) {
    String first = null;
    for (RunResult.Check c : run.result.preconditions) {
      if (c.outcome() != ProbeOutcome.TRUE) {
        String text = "precondition \"" + c.name() + "\" " + (c.outcome() == ProbeOutcome.FALSE
            ? "was false" : "could not be evaluated") + ": " + c.message();
        run.result.problems.add(text);
        first = first == null ? text : first;
      }
    }
    return first == null ? null
        : run.result.build(Outcome.PRECONDITION_FAILED, first + "; nothing changed",
            run.clock.now());
  }

  private static Thread watchMaxDuration(RunContext run, Instant deadline) {
    String shown = run.header.shown.maxDuration();
    return run.clock.start("max_duration", () -> {
      try {
        run.clock.sleepUntil(deadline);
        run.stopper.stop(Stopper.Kind.MAX_DURATION, "max_duration " + shown + " exceeded");
      } catch (InterruptedException cancelled) {
        // the run ended first
      }
    });
  }
}
