package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.spi.Backend;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.RunLock;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `chaos recover`: finishes a run whose runner died. Runs the undos the journal registered that
 * did not complete, newest first (the order the run would have taken), each tried as a run
 * tries an undo: an automatic inverse rebuilt from its recipe by its driver ({@link
 * Backend#recover}), a step's `undo` block from the runbook with the values it read journaled
 * ({@link BlockScope}); then the runbook's `rollback` (when {@code program} is given); then gives
 * back the run's lock if it is still the dead run's. Every step is emitted as the run's own
 * events (for the journal it appends to), ending with `run_finished`; an undo done by a first
 * recover that died is not run again.
 */
public final class Recovery {
  private final UnfinishedRun run;
  private final List<RunEvent> events;
  private final String journal;
  private final CheckedProgram program;
  private final boolean programIsTheRuns;
  private final Backend backend;
  private final RunOptions options;
  private final RunListener listener;
  private final Interpreter interpreter;
  private final List<UndoResult> undos = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private RunHeader header;

  /**
   * {@code events}: the journal's; {@code journal}: its absolute path, as a Lease names it;
   * {@code program}: the checked runbook for its `rollback` and undo blocks, or null when it
   * cannot be run (its file is gone and `--force` was given); {@code programIsTheRuns}: its
   * file is the one the run ran (the SHA-256 of `run_source`): undo blocks run only from that.
   */
  public Recovery(List<RunEvent> events, String journal, CheckedProgram program,
      boolean programIsTheRuns, Backend backend, RunOptions options, RunListener listener) {
    this.events = List.copyOf(events);
    this.run = UnfinishedRun.of(events);
    this.journal = journal;
    this.program = program;
    this.programIsTheRuns = programIsTheRuns;
    this.backend = backend;
    this.options = options;
    this.listener = listener;
    RunEvent.RunStarted s = run.started();
    this.interpreter = new Interpreter(backend, new RunFacts(s == null ? "" : s.runbook(),
        s == null ? null : s.environment(), null, false), options, listener);
  }

  public UnfinishedRun unfinished() {
    return run;
  }

  /** What recovery did besides the undos (the lock released, objects already gone). */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  public RunResult recover() {
    Clock clock = backend.clock();
    try (Clock.Registration registration = clock.register()) {
      Instant start = clock.now();
      emitLog(run.finished()
          ? "recovering: the run ended with undos that failed; running them again"
          : "recovering: the runner of this journal died; running the undos it did not finish");
      interpreter.emit(new RunEvent.PhaseEntered(interpreter.now(), RunPhase.UNDO));
      boolean sandbox = run.source() != null && "sandbox".equals(run.source().backend());
      for (UnfinishedRun.Pending p : run.pending()) {
        undos.add(sandbox ? skippedInSandbox(p)
            : p.kind() == UndoResult.Kind.BLOCK ? block(p) : undo(p));
      }
      for (String step : UnfinishedRun.blocksWithoutInverses(events)) {
        String text = "the undo block of step \"" + step + "\" did not run and cannot run "
            + "without its runner: undo the step by hand";
        undos.add(new UndoResult(step, "the undo block of step \"" + step + "\"",
            UndoResult.Kind.BLOCK, UndoResult.Status.FAILED, 0, text));
        problems.add(text);
      }
      if (run.rollbackPending()) {
        undos.add(sandbox ? new UndoResult("", "the rollback block", UndoResult.Kind.ROLLBACK,
            UndoResult.Status.SKIPPED, 0, "the sandbox world died with its runner")
            : rollback());
      }
      releaseLock();
      List<UndoResult> remaining = undos.stream()
          .filter(u -> u.status() == UndoResult.Status.FAILED).toList();
      Outcome outcome;
      String reason;
      if (run.finished()) {
        // the run's verdict stays: its undo did fail; this says whether the world is whole now
        outcome = Outcome.UNDO_FAILED;
        reason = remaining.isEmpty()
            ? "undo failed during the run; chaos recover finished it: nothing remains"
            : "undo failed during the run; chaos recover could not finish it either";
      } else {
        outcome = remaining.isEmpty() ? Outcome.INTERRUPTED : Outcome.UNDO_FAILED;
        reason = remaining.isEmpty()
            ? "the runner died; chaos recover finished its undo"
            : "the runner died; chaos recover could not finish its undo";
      }
      Instant end = clock.now();
      Instant began = run.started() == null ? start : run.started().time();
      interpreter.emit(new RunEvent.RunFinished(end, outcome, reason,
          remaining.stream().map(UndoResult::description).toList(),
          Duration.between(began, end)));
      return result(outcome, reason, began, end);
    }
  }

  private UndoResult skippedInSandbox(UnfinishedRun.Pending p) {
    return new UndoResult(p.step(), p.description(), p.kind(), UndoResult.Status.SKIPPED, 0,
        "the sandbox world lived in the runner's process and died with it");
  }

  private UndoResult undo(UnfinishedRun.Pending p) {
    if (p.recipe() == null) {
      return cannot(p, "no recipe was journaled for it: undo it by hand");
    }
    return attempts(p, () -> backend.recover(p.recipe())
        .run(context(p.step(), p.recipe().name())));
  }

  /**
   * A step's undo block, run from the runbook where the journal says it is, in an environment
   * rebuilt from the values it read; only from the very file the run ran.
   */
  private UndoResult block(UnfinishedRun.Pending p) {
    if (!mutatedSince(p.id())) {
      return nothingToUndo(p);
    }
    String hand = ": undo the step by hand";
    if (p.scope().notJournaled() != null) {
      return cannot(p, p.description() + " reads " + p.scope().notJournaled()
          + ", which is not journaled" + hand);
    }
    if (program == null) {
      return cannot(p, "the runbook is not available: " + p.description()
          + " cannot run" + hand);
    }
    if (!programIsTheRuns) {
      return cannot(p, "the runbook changed since the run: " + p.description()
          + " is not run from the changed file" + hand);
    }
    Optional<Member.Step> step = stepAt(p);
    if (step.isEmpty()) {
      return cannot(p, "the runbook has no undo block of step \"" + p.step() + "\" at "
          + p.at() + hand);
    }
    BlockScope scope = BlockScope.of(program, step.get().undo());
    return attempts(p, () -> {
      prepare();
      Environment env = scope.restore(p.scope().values(), Environment.root());
      interpreter.executor().block(step.get().undo(),
          new Frame(program, env, new Site(Section.UNDO, p.step(), null, null, false)));
    });
  }

  /** The step whose undo block starts at the line and column of {@code p.at()}. */
  private Optional<Member.Step> stepAt(UnfinishedRun.Pending p) {
    String at = p.at() == null ? "" : p.at();
    return program.runbook().orElseThrow().members().stream()
        .filter(Member.Step.class::isInstance).map(Member.Step.class::cast)
        .filter(s -> s.name().text().equals(p.step()) && s.undo() != null
            && at.endsWith(":" + s.undo().span().startLine() + ":"
                + s.undo().span().startColumn()))
        .findFirst();
  }

  /** An undo that cannot run: reported as failed, with why. */
  /**
   * Whether any mutating call was made after undo {@code id} was registered: every one is
   * journaled (`call`) before it is made, so a step whose runner died before its first left
   * nothing for its block to undo (and its lets may not even be bound yet).
   */
  private boolean mutatedSince(int id) {
    boolean registered = false;
    for (RunEvent e : events) {
      if (e instanceof RunEvent.UndoRegistered u && u.id() == id) {
        registered = true;
      } else if (registered && e instanceof RunEvent.Call) {
        return true;
      }
    }
    return false;
  }

  private UndoResult nothingToUndo(UnfinishedRun.Pending p) {
    String text = "its step made no call before the runner died: nothing to undo";
    emitLog(p.description() + ": " + text);
    interpreter.emit(new RunEvent.UndoStarted(interpreter.now(), p.id(), p.description(), 1));
    interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), p.id(), p.description(), 1,
        true, null, null));
    notes.add(p.description() + ": " + text);
    return new UndoResult(p.step(), p.description(), p.kind(), UndoResult.Status.DONE, 1, null);
  }

  private UndoResult cannot(UnfinishedRun.Pending p, String text) {
    interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), p.id(), p.description(), 1,
        false, text, null));
    problems.add(p.description() + ": " + text);
    return new UndoResult(p.step(), p.description(), p.kind(), UndoResult.Status.FAILED, 0,
        text);
  }

  /** Tries an undo as a run does: again after a pause that doubles, up to the attempts. */
  private UndoResult attempts(UnfinishedRun.Pending p, UndoStack.Work work) {
    int attempts = Math.max(1, options.undoAttempts());
    Duration pause = options.undoBackoff();
    String problem = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      interpreter.emit(new RunEvent.UndoStarted(interpreter.now(), p.id(), p.description(),
          attempt));
      try {
        work.run();
        interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), p.id(), p.description(),
            attempt, true, null, null));
        return new UndoResult(p.step(), p.description(), p.kind(), UndoResult.Status.DONE,
            attempt, null);
      } catch (Exception | Error failure) {
        if (failure instanceof InterruptedException) {
          Thread.interrupted(); // undo is not interruptible: try again
        }
        problem = failure instanceof Failure f
            ? f.getMessage() + (f.span() == null ? "" : " at " + f.where())
            : Calls.failure(failure);
        boolean again = attempt < attempts;
        interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), p.id(), p.description(),
            attempt, false, problem, again ? pause : null));
        if (again) {
          sleep(pause);
          pause = pause.multipliedBy(2);
        }
      }
    }
    problems.add(p.description() + ": " + problem);
    return new UndoResult(p.step(), p.description(), p.kind(), UndoResult.Status.FAILED,
        attempts, problem);
  }

  private CallContext context(String step, String call) {
    Site site = new Site(Section.UNDO, step, null, null, false);
    return new DriverCall(interpreter, site, call, null, null,
        interpreter.clock().now().plus(options.callTimeout()));
  }

  /**
   * The runbook's `rollback`, after its header and runbook-level lets are evaluated again (the
   * rollback may use them). Tried once: a rollback is the runbook's own code.
   */
  private UndoResult rollback() {
    String description = "the rollback block";
    interpreter.emit(new RunEvent.UndoStarted(interpreter.now(), 0, description, 1));
    String problem;
    if (program == null) {
      problem = "the runbook is not available: run its rollback by hand";
    } else {
      try {
        runRollback();
        interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), 0, description, 1, true,
            null, null));
        return new UndoResult("", description, UndoResult.Kind.ROLLBACK,
            UndoResult.Status.DONE, 1, null);
      } catch (Failure f) {
        problem = f.getMessage() + (f.span() == null ? "" : " at " + f.where());
      } catch (InterruptedException e) {
        Thread.interrupted();
        problem = "interrupted";
      } catch (RuntimeException bug) {
        problem = Calls.failure(bug);
      }
    }
    interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), 0, description, 1, false,
        problem, null));
    problems.add(description + ": " + problem);
    return new UndoResult("", description, UndoResult.Kind.ROLLBACK, UndoResult.Status.FAILED,
        1, problem);
  }

  /** The runbook's header, evaluated once: its facts (the blast radius) are the run's. */
  private void prepare() throws InterruptedException {
    if (header == null) {
      header = RunHeader.evaluate(interpreter, program, program.runbook().orElseThrow());
      interpreter.setFacts(new RunFacts(header.shown.name(), header.shown.environment(),
          header.blastRadiusPercent, false));
    }
  }

  private void runRollback() throws InterruptedException {
    Decl.Runbook runbook = program.runbook().orElseThrow();
    prepare();
    Environment env = Environment.root();
    env.define(Environment.RUNBOOK, header.runbookValue());
    Frame lets = new Frame(program, env, new Site(Section.LET, "", null, null, false));
    for (Member m : runbook.members()) {
      if (m instanceof Member.Let let) {
        Value v = interpreter.evaluator().eval(let.value(), lets);
        env.define(let, v);
      }
    }
    Optional<Member.Rollback> rollback = runbook.members().stream()
        .filter(Member.Rollback.class::isInstance).map(Member.Rollback.class::cast).findFirst();
    if (rollback.isPresent()) {
      interpreter.executor().block(rollback.get().body(),
          new Frame(program, env, new Site(Section.ROLLBACK, "", null, null, false)));
    }
  }

  /**
   * Gives back the dead run's lock: only a lock whose store names this journal or the dead
   * run's holder, so that a run that took it since keeps it.
   */
  private void releaseLock() {
    String lock = run.lockName();
    if (lock == null) {
      return;
    }
    String holder = run.lock() == null ? null : run.lock().holder();
    try {
      RunLock.Store store = backend.service(RunLock.Store.class);
      Optional<RunLock.Held> released = store.releaseIf(lock, held ->
          journal.equals(held.journal()) || holder != null && holder.equals(held.holder()));
      String text = released.map(h -> "released the lock `" + lock + "` (" + h.where()
          + ", held by " + h.holder() + ")").orElse("the lock `" + lock + "` is no longer "
          + "held by this run: left as it is");
      notes.add(text);
      emitLog(text);
    } catch (Exception e) {
      String text = "could not release the lock `" + lock + "`: " + Calls.failure(e)
          + " (it expires on its own)";
      problems.add(text);
      emitLog(text);
    }
  }

  private void emitLog(String text) {
    interpreter.emit(new RunEvent.Log(interpreter.now(), Section.UNDO.label(), "", null,
        "recover", text));
  }

  private void sleep(Duration d) {
    try {
      interpreter.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.interrupted();
    }
  }

  private RunResult result(Outcome outcome, String reason, Instant began, Instant end) {
    ResultBuilder b = new ResultBuilder(began, false);
    RunEvent.RunStarted s = run.started();
    b.header = new RunResult.Header(s == null ? "" : s.file(), s == null ? "" : s.runbook(),
        s == null ? "" : s.title(), null, s == null ? null : s.environment(), null, List.of(),
        s == null || s.blastRadius() == null ? null : s.blastRadius().display(),
        s == null || s.maxDuration() == null ? null
            : dev.chaos.types.ValueFormat.duration(s.maxDuration()), null,
        s == null ? null : s.lock(), s == null ? null : s.runId());
    b.undos.addAll(undos);
    b.problems.addAll(problems);
    b.interpreter = interpreter;
    return b.build(outcome, reason, end);
  }
}
