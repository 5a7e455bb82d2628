package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.spi.UndoRecipe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a journal says of its run, for `chaos recover` and for `chaos exec`'s refusal: whether
 * it finished, where it came from, the lock it took, and the undos registered that did not
 * complete, newest first, each with the recipe that rebuilds it.
 *
 * <p>An automatic inverse that a step's undo block superseded is pending when the block did not
 * complete: a block is code of its step and cannot run after its runner died, so the inverses
 * of the step's calls undo the step instead.
 */
public record UnfinishedRun(boolean finished, RunEvent.RunStarted started,
    RunEvent.RunSource source, RunEvent.LockTaken lock, List<Pending> pending,
    boolean rollbackPending, RunEvent.RunFinished end) {

  public UnfinishedRun {
    pending = List.copyOf(pending);
  }

  /**
   * One undo that did not complete: {@code recipe} is null when its driver journaled none (a
   * plug-in's, or a sandbox run's); {@code block} is true for a step's undo block.
   */
  public record Pending(int id, String step, String description, UndoResult.Kind kind,
      UndoRecipe recipe) {}

  /** Reads the events of one journal, in the order written. */
  public static UnfinishedRun of(List<RunEvent> events) {
    RunEvent.RunStarted started = null;
    RunEvent.RunSource source = null;
    RunEvent.LockTaken lock = null;
    RunEvent.RunFinished end = null;
    Map<Integer, RunEvent.UndoRegistered> registered = new LinkedHashMap<>();
    Map<Integer, UndoRecipe> recipes = new LinkedHashMap<>();
    Set<Integer> done = new HashSet<>();
    for (RunEvent e : events) {
      switch (e.type()) {
        case RUN_STARTED -> started = (RunEvent.RunStarted) e;
        case RUN_SOURCE -> source = (RunEvent.RunSource) e;
        case LOCK_TAKEN -> lock = (RunEvent.LockTaken) e;
        case RUN_FINISHED -> end = (RunEvent.RunFinished) e;
        case UNDO_REGISTERED -> {
          RunEvent.UndoRegistered u = (RunEvent.UndoRegistered) e;
          registered.put(u.id(), u);
          if (u.recipe() != null) {
            recipes.put(u.id(), u.recipe());
          }
        }
        case UNDO_RECIPE -> {
          RunEvent.UndoRecipeSet r = (RunEvent.UndoRecipeSet) e;
          recipes.put(r.id(), r.recipe());
        }
        case UNDO_FINISHED -> {
          RunEvent.UndoFinished f = (RunEvent.UndoFinished) e;
          if (f.ok()) {
            done.add(f.id());
          }
        }
        default -> { }
      }
    }
    Set<String> blocksNotDone = new HashSet<>();
    for (RunEvent.UndoRegistered u : registered.values()) {
      if (u.kind() == UndoResult.Kind.BLOCK && !done.contains(u.id())) {
        blocksNotDone.add(u.step());
      }
    }
    List<Pending> pending = new ArrayList<>();
    boolean rollback = false;
    for (RunEvent.UndoRegistered u : registered.values()) {
      if (done.contains(u.id())) {
        continue;
      }
      if (u.kind() == UndoResult.Kind.ROLLBACK) {
        rollback = true;
      } else if (u.kind() == UndoResult.Kind.BLOCK) {
        continue; // its step's inverses stand in for it (below)
      } else if (u.supersededBy() == null || blocksNotDone.contains(u.step())) {
        pending.add(new Pending(u.id(), u.step(), u.description(), u.kind(),
            recipes.get(u.id())));
      }
    }
    java.util.Collections.reverse(pending);
    return new UnfinishedRun(end != null, started, source, lock, pending, rollback, end);
  }

  /**
   * Whether `chaos recover` has something to do: the runner died before `run_finished`, or the
   * run ended `undo_failed` (the Kubernetes API unreachable during undo, say) and undos it
   * registered are still not done.
   */
  public boolean undoLeft() {
    return !finished || end.outcome() == Outcome.UNDO_FAILED
        && (!pending.isEmpty() || rollbackPending);
  }

  /**
   * The undo blocks that did not complete and whose steps made no call with an inverse: nothing
   * can stand in for them after the runner died.
   */
  public static List<String> blocksWithoutInverses(List<RunEvent> events) {
    Map<String, Boolean> blocks = new LinkedHashMap<>();
    Set<Integer> done = new HashSet<>();
    Set<String> stepsWithInverses = new HashSet<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.UndoFinished f && f.ok()) {
        done.add(f.id());
      } else if (e instanceof RunEvent.UndoRegistered u) {
        if (u.kind() == UndoResult.Kind.BLOCK) {
          blocks.put(u.id() + "\u0000" + u.step(), true);
        } else if (u.kind() == UndoResult.Kind.INVERSE) {
          stepsWithInverses.add(u.step());
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String key : blocks.keySet()) {
      int id = Integer.parseInt(key.substring(0, key.indexOf('\u0000')));
      String step = key.substring(key.indexOf('\u0000') + 1);
      if (!done.contains(id) && !stepsWithInverses.contains(step)) {
        out.add(step);
      }
    }
    return out;
  }

  /** The runbook's `lock`, or null when the run took none. */
  public String lockName() {
    return lock != null ? lock.lock() : started != null ? started.lock() : null;
  }
}
