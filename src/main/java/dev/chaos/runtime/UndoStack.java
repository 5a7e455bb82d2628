package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.source.Span;
import dev.chaos.spi.UndoRecipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything that undoes the run, registered (and journaled) before the side effect it undoes:
 * a step's `undo` block when the step starts, a driver's automatic inverse when its call
 * registers it, the `rollback` when the first step starts. {@link #undoAll} runs them in reverse
 * order, the rollback last; an undo that fails is tried again after a growing pause, and the
 * others run whatever happens to it.
 */
final class UndoStack {
  /** The work of one undo. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /**
   * One undo: {@code call} and {@code args} name the mutating call of an automatic inverse,
   * {@code at} where the call or block is in the source.
   */
  private record Entry(int id, String step, String description, UndoResult.Kind kind, Work work,
      String supersededBy, String call, Map<String, Object> args, String at) {}

  private final Interpreter interpreter;
  private final List<Entry> entries = new ArrayList<>();
  /** The ids of the undos that are done (the rollback's is 0). */
  private final java.util.Set<Integer> done = new java.util.HashSet<>();
  private Entry rollback;

  UndoStack(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /**
   * A step's undo block; its id, for {@link #scope}. What the block reads so far ({@code values},
   * the runbook's) is journaled just before the registration: a runner killed between the two
   * lines left a scope without a block, which recover ignores, never a block without a scope.
   */
  synchronized int registerBlock(String step, Span at, Work work, Map<String, Object> values,
      String notJournaled) {
    Entry e = new Entry(entries.size() + 1, step, "the undo block of step \"" + step + "\"",
        UndoResult.Kind.BLOCK, work, null, null, null, where(at));
    scope(e.id(), values, notJournaled);
    add(e);
    return e.id();
  }

  /** What undo block {@code id} reads, journaled (and forced) for `chaos recover`. */
  void scope(int id, Map<String, Object> values, String notJournaled) {
    interpreter.emit(new RunEvent.UndoScope(interpreter.now(), id, values, notJournaled));
  }

  /**
   * An automatic inverse. In a step with its own undo block, the block undoes the step and the
   * inverse is only journaled.
   */
  synchronized int registerInverse(String step, String call, Map<String, Object> args, Span at,
      String description, UndoRecipe recipe, Work work, boolean stepHasBlock) {
    Entry e = new Entry(entries.size() + 1, step, description + " (inverse of " + call + ")",
        UndoResult.Kind.INVERSE, work, stepHasBlock ? "the step's undo block" : null, call, args,
        where(at));
    entries.add(e);
    // the recipe goes in the registration's own line: a runner killed right after it leaves both
    journal(e, recipe);
    return e.id();
  }

  synchronized void registerRollback(Span at, Work work) {
    if (rollback == null) {
      rollback = new Entry(0, "", "the rollback block", UndoResult.Kind.ROLLBACK, work, null,
          null, null, where(at));
      journal(rollback, null);
    }
  }

  private void add(Entry e) {
    entries.add(e);
    journal(e, null);
  }

  private void journal(Entry e, UndoRecipe recipe) {
    interpreter.emit(new RunEvent.UndoRegistered(interpreter.now(), e.id(), e.step(), e.kind(),
        e.description(), e.call(), e.args(), e.at(), e.supersededBy(), recipe));
  }

  private static String where(Span at) {
    return at == null ? null : at.toString();
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty() && rollback == null;
  }

  /** Runs every undo, last registered first, then the rollback; never throws. */
  List<UndoResult> undoAll() {
    List<Entry> order;
    synchronized (this) {
      order = new ArrayList<>(entries);
      java.util.Collections.reverse(order);
      if (rollback != null) {
        order.add(rollback);
      }
    }
    List<UndoResult> results = new ArrayList<>();
    for (Entry e : order) {
      if (e.supersededBy() != null) {
        results.add(new UndoResult(e.step(), e.description(), e.kind(),
            UndoResult.Status.SKIPPED, 0, "undone by " + e.supersededBy()));
        continue;
      }
      UndoResult result = undo(e);
      if (result.status() == UndoResult.Status.DONE) {
        synchronized (this) {
          done.add(e.id());
        }
      }
      results.add(result);
    }
    return results;
  }

  /**
   * What is not undone yet, in the order undo takes it: a signal that cuts undo short names
   * these as left behind.
   */
  synchronized List<String> remaining() {
    List<String> out = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.supersededBy() == null && !done.contains(e.id())) {
        out.add(e.description());
      }
    }
    if (rollback != null && !done.contains(rollback.id())) {
      out.add(rollback.description());
    }
    return out;
  }

  private UndoResult undo(Entry e) {
    RunOptions options = interpreter.options();
    int attempts = Math.max(1, options.undoAttempts());
    Duration pause = options.undoBackoff();
    String problem = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      interpreter.emit(new RunEvent.UndoStarted(interpreter.now(), e.id(), e.description(),
          attempt));
      try {
        e.work().run();
        interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), e.id(), e.description(),
            attempt, true, null, null));
        return new UndoResult(e.step(), e.description(), e.kind(), UndoResult.Status.DONE,
            attempt, null);
      } catch (Exception | Error failure) {
        if (failure instanceof InterruptedException) {
          Thread.interrupted(); // undo is not interruptible: try again
        }
        problem = describe(failure);
        boolean again = attempt < attempts;
        interpreter.emit(new RunEvent.UndoFinished(interpreter.now(), e.id(), e.description(),
            attempt, false, problem, again ? pause : null));
        if (again) {
          pause(pause);
          pause = pause.multipliedBy(2);
        }
      }
    }
    return new UndoResult(e.step(), e.description(), e.kind(), UndoResult.Status.FAILED,
        attempts, problem);
  }

  /** Waits before the next attempt; an interrupt cannot shorten an undo, only its pause. */
  private void pause(Duration d) {
    try {
      interpreter.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.interrupted();
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof Failure f) {
      return f.getMessage() + (f.span() == null ? "" : " at " + f.where());
    }
    if (t instanceof InterruptedException) {
      return "interrupted";
    }
    return Calls.failure(t);
  }
}
