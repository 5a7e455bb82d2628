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
 * <p>A step's undo block that did not complete is pending with the values it reads ({@link
 * RunEvent.UndoScope}): recover runs it from the runbook, and the automatic inverses it
 * superseded stay superseded. When it cannot run without its runner (it reads a secret, or the
 * journal, from an older chaos, has no `undo_scope` for it), the inverses of the step's calls
 * stand in for it.
 */
public record UnfinishedRun(boolean finished, RunEvent.RunStarted started,
    RunEvent.RunSource source, RunEvent.LockTaken lock, List<Pending> pending,
    boolean rollbackPending, RunEvent.RunFinished end) {

  public UnfinishedRun {
    pending = List.copyOf(pending);
  }

  /**
   * One undo that did not complete: {@code recipe} is null when its driver journaled none (a
   * plug-in's, or a sandbox run's); {@code at} where its call or block is (`file:line:col`);
   * {@code scope} what a step's undo block reads (null for the other kinds).
   */
  public record Pending(int id, String step, String description, UndoResult.Kind kind,
      UndoRecipe recipe, String at, RunEvent.UndoScope scope) {}

  /** Reads the events of one journal, in the order written. */
  public static UnfinishedRun of(List<RunEvent> events) {
    RunEvent.RunStarted started = null;
    RunEvent.RunSource source = null;
    RunEvent.LockTaken lock = null;
    RunEvent.RunFinished end = null;
    Map<Integer, RunEvent.UndoRegistered> registered = new LinkedHashMap<>();
    Map<Integer, UndoRecipe> recipes = new LinkedHashMap<>();
    Map<Integer, RunEvent.UndoScope> scopes = new LinkedHashMap<>();
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
        case UNDO_SCOPE -> {
          RunEvent.UndoScope scope = (RunEvent.UndoScope) e;
          scopes.put(scope.id(), scope);
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
    Set<String> standIns = new HashSet<>();
    for (RunEvent.UndoRegistered u : registered.values()) {
      RunEvent.UndoScope scope = scopes.get(u.id());
      if (u.kind() == UndoResult.Kind.BLOCK && !done.contains(u.id())
          && (scope == null || scope.notJournaled() != null)) {
        standIns.add(u.step());
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
        if (scopes.containsKey(u.id())) { // else see blocksWithoutInverses
          pending.add(new Pending(u.id(), u.step(), u.description(), u.kind(), null, u.at(),
              scopes.get(u.id())));
        }
      } else if (u.supersededBy() == null || standIns.contains(u.step())) {
        pending.add(new Pending(u.id(), u.step(), u.description(), u.kind(),
            recipes.get(u.id()), u.at(), null));
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
   * The undo blocks that did not complete, whose values the journal does not have (it was
   * written by a chaos that journaled none) and whose steps made no call with an inverse:
   * nothing can run or stand in for them after the runner died.
   */
  public static List<String> blocksWithoutInverses(List<RunEvent> events) {
    Map<String, Boolean> blocks = new LinkedHashMap<>();
    Set<Integer> done = new HashSet<>(); // or pending with their values (see of)
    Set<String> stepsWithInverses = new HashSet<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.UndoFinished f && f.ok()) {
        done.add(f.id());
      } else if (e instanceof RunEvent.UndoScope scope) {
        done.add(scope.id());
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
