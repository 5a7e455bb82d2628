package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.check.StepInfo;
import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One step: its undo block registered before anything runs, its body run with its timeout, and
 * run again on failure as `retry` allows. A run-level stop (guard, `max_duration`, signal) ends
 * the step at once and is never retried.
 */
final class StepRunner {
  private final Interpreter interpreter;
  private final CheckedProgram program;
  private final Environment runbookEnv;
  private final UndoStack undo;
  private final Stopper stopper;
  private final Instant runDeadline;
  private final java.util.Map<Member.Step, Environment[]> envs = new java.util.IdentityHashMap<>();

  StepRunner(Interpreter interpreter, CheckedProgram program, Environment runbookEnv,
      UndoStack undo, Stopper stopper, Instant runDeadline) {
    this.interpreter = interpreter;
    this.program = program;
    this.runbookEnv = runbookEnv;
    this.undo = undo;
    this.stopper = stopper;
    this.runDeadline = runDeadline;
  }

  StepResult run(Member.Step step) {
    String name = step.name().text();
    boolean dry = interpreter.options().dryRun();
    StepInfo info = program.stepInfo(step);
    String undoKind = info == null ? null : info.undo().name().toLowerCase(Locale.ROOT)
        .replace('_', ' ');
    Instant began = interpreter.clock().now();
    Duration timeout;
    long retries;
    try {
      Frame options = new Frame(program, runbookEnv,
          new Site(Section.STEP, name, runDeadline, null, dry));
      timeout = step.timeout() == null ? null
          : ((Value.Duration) interpreter.evaluator().eval(step.timeout(), options)).value();
      retries = step.retry() == null ? 0
          : ((Value.Int) interpreter.evaluator().eval(step.retry(), options)).value();
    } catch (Failure | InterruptedException | ClassCastException bad) {
      String message = bad instanceof Failure f ? f.getMessage() : "its options did not evaluate";
      return new StepResult(name, StepResult.Status.FAILED, 0, Duration.ZERO, message, null,
          undoKind);
    }
    interpreter.emit(new RunEvent.StepStarted(interpreter.now(), name, undoKind, timeout, retries,
        dry));
    Environment[] lastEnv = new Environment[1];
    envs.put(step, lastEnv);
    BlockUndo block = null;
    if (step.undo() != null && !dry) {
      BlockScope scope = BlockScope.of(program, step.undo());
      block = new BlockUndo(undo.registerBlock(name, step.undo().span(),
          () -> undoBlock(step, lastEnv[0]), scope.values(runbookEnv), scope.notJournaled()),
          scope);
    }
    int attempt = 0;
    while (true) {
      attempt++;
      Attempt result = attempt(step, name, timeout, lastEnv, dry, block);
      interpreter.emit(new RunEvent.StepFinished(interpreter.now(), name, attempt,
          result.status(), result.message(), result.where()));
      boolean retryable = result.status() == StepResult.Status.FAILED
          || result.status() == StepResult.Status.TIMED_OUT;
      if (retryable && attempt <= retries && stopper.stopped() == null) {
        interpreter.emit(new RunEvent.Log(interpreter.now(), Section.STEP.label(), name, null,
            null, "retrying (attempt " + (attempt + 1) + " of " + (retries + 1) + ")"));
        continue;
      }
      return new StepResult(name, result.status(), attempt,
          Duration.between(began, interpreter.clock().now()), result.message(), result.where(),
          undoKind);
    }
  }

  private record Attempt(StepResult.Status status, String message, String where) {}

  /** A step's registered undo block and what it reads, journaled as the step binds it. */
  private record BlockUndo(int id, BlockScope scope) {}

  private Attempt attempt(Member.Step step, String name, Duration timeout, Environment[] lastEnv,
      boolean dry, BlockUndo block) {
    long token = stopper.stepStarted();
    Instant deadline = runDeadline;
    if (timeout != null) {
      Instant own = interpreter.clock().now().plus(timeout);
      deadline = deadline == null || own.isBefore(deadline) ? own : deadline;
    }
    boolean hasBlock = step.undo() != null;
    UndoSink sink = dry ? null : (call, args, at, description, recipe, work) ->
        undo.registerInverse(name, call, args, at, description, recipe,
            () -> work.run(undoContext(name, call, at)), hasBlock);
    Site site = new Site(Section.STEP, name, deadline, sink, dry);
    Frame body = new Frame(program, block == null ? runbookEnv.child() : scoped(block, lastEnv),
        site);
    lastEnv[0] = body.env();
    if (block != null) {
      undo.scope(block.id(), block.scope().values(body.env()), block.scope().notJournaled());
    }
    Thread watchdog = timeout == null || dry ? null : watchdog(name, token, deadline);
    try {
      interpreter.executor().statements(step.body(), body);
      return new Attempt(dry ? StepResult.Status.DRY_RUN : StepResult.Status.PASSED, null, null);
    } catch (Failure f) {
      return new Attempt(StepResult.Status.FAILED, f.getMessage(), f.where());
    } catch (InterruptedException stopped) {
      Stopper.Stop stop = stopper.stopped();
      if (stop != null) {
        return new Attempt(stop.kind() == Stopper.Kind.SIGNAL ? StepResult.Status.INTERRUPTED
            : StepResult.Status.ABORTED, stop.reason(), null);
      }
      if (stopper.timedOut(token)) {
        return new Attempt(StepResult.Status.TIMED_OUT,
            "timed out after " + ValueFormat.duration(timeout), null);
      }
      return new Attempt(StepResult.Status.INTERRUPTED, "interrupted", null);
    } catch (RuntimeException | StackOverflowError bug) {
      return new Attempt(StepResult.Status.FAILED, "internal error: " + bug, null);
    } finally {
      if (watchdog != null) {
        watchdog.interrupt();
      }
      stopper.stepEnded();
    }
  }

  /**
   * The environment of an attempt of a step with an undo block: each value the block reads is
   * journaled as the step binds it, before the step goes on, for `chaos recover`.
   */
  private Environment scoped(BlockUndo block, Environment[] lastEnv) {
    return runbookEnv.watchedChild((declaration, value) -> {
      if (block.scope().reads(declaration)) {
        undo.scope(block.id(), block.scope().values(lastEnv[0]), block.scope().notJournaled());
      }
    });
  }

  /** Interrupts the step when its timeout passes, unless it has ended by then. */
  private Thread watchdog(String name, long token, Instant deadline) {
    return interpreter.clock().start("timeout of step \"" + name + "\"", () -> {
      try {
        interpreter.clock().sleepUntil(deadline);
        stopper.timeout(token);
      } catch (InterruptedException cancelled) {
        // the step ended first
      }
    });
  }

  /** Under `--dry-run`: walks a step's undo block, showing what it would do. */
  void dryUndo(Member.Step step) throws InterruptedException {
    Environment[] env = envs.get(step);
    Site site = new Site(Section.UNDO, step.name().text(), null, null, true);
    interpreter.executor().block(step.undo(),
        new Frame(program, env == null || env[0] == null ? runbookEnv : env[0], site));
  }

  /** Runs a step's undo block in the scope of the step's last attempt, so it sees its lets. */
  private void undoBlock(Member.Step step, Environment stepEnv) throws InterruptedException {
    Site site = new Site(Section.UNDO, step.name().text(), null, null, false);
    Environment env = stepEnv == null ? runbookEnv : stepEnv;
    interpreter.executor().block(step.undo(), new Frame(program, env, site));
  }

  private DriverCall undoContext(String step, String call, dev.chaos.source.Span at) {
    Site site = new Site(Section.UNDO, step, null, null, false);
    return new DriverCall(interpreter, site, call, null, at,
        interpreter.clock().now().plus(interpreter.options().callTimeout()));
  }
}
