package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.UndoResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

  private record Entry(int id, String step, String description, UndoResult.Kind kind, Work work,
      String supersededBy) {}

  private final Interpreter interpreter;
  private final List<Entry> entries = new ArrayList<>();
  private Entry rollback;

  UndoStack(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  synchronized void registerBlock(String step, Work work) {
    add(new Entry(entries.size() + 1, step, "the undo block of step \"" + step + "\"",
        UndoResult.Kind.BLOCK, work, null));
  }

  /**
   * An automatic inverse. In a step with its own undo block, the block undoes the step and the
   * inverse is only journaled.
   */
  synchronized void registerInverse(String step, String call, String description, Work work,
      boolean stepHasBlock) {
    add(new Entry(entries.size() + 1, step, description + " (inverse of " + call + ")",
        UndoResult.Kind.INVERSE, work, stepHasBlock ? "the step's undo block" : null));
  }

  synchronized void registerRollback(Work work) {
    if (rollback == null) {
      rollback = new Entry(0, "", "the rollback block", UndoResult.Kind.ROLLBACK, work, null);
      journal(rollback);
    }
  }

  private void add(Entry e) {
    entries.add(e);
    journal(e);
  }

  private void journal(Entry e) {
    interpreter.emit(RunEvent.Type.UNDO_REGISTERED, "id", e.id(), "step", e.step(),
        "kind", e.kind().name().toLowerCase(java.util.Locale.ROOT),
        "description", e.description(), "superseded_by", e.supersededBy());
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
      results.add(undo(e));
    }
    return results;
  }

  private UndoResult undo(Entry e) {
    RunOptions options = interpreter.options();
    int attempts = Math.max(1, options.undoAttempts());
    Duration pause = options.undoBackoff();
    String problem = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      interpreter.emit(RunEvent.Type.UNDO_STARTED, "id", e.id(), "description", e.description(),
          "attempt", attempt);
      try {
        e.work().run();
        interpreter.emit(RunEvent.Type.UNDO_FINISHED, "id", e.id(), "description",
            e.description(), "attempt", attempt, "ok", true);
        return new UndoResult(e.step(), e.description(), e.kind(), UndoResult.Status.DONE,
            attempt, null);
      } catch (Exception | Error failure) {
        if (failure instanceof InterruptedException) {
          Thread.interrupted(); // undo is not interruptible: try again
        }
        problem = describe(failure);
        boolean again = attempt < attempts;
        interpreter.emit(RunEvent.Type.UNDO_FINISHED, "id", e.id(), "description",
            e.description(), "attempt", attempt, "ok", false, "error", problem,
            "retry_in", again ? dev.chaos.types.ValueFormat.duration(pause) : null);
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
