package dev.chaos.spi;

import java.time.Instant;

/** What the interpreter gives each driver call. */
public interface CallContext {
  Clock clock();

  /** The call must return or fail by then; blocking work waits on {@link #clock()}. */
  Instant deadline();

  RunFacts run();

  /**
   * Registers the automatic inverse of the call being made, BEFORE its side effect, so that a
   * run stopped at any point (guard, Ctrl-C, crash) still undoes it. {@code description} is what
   * the journal and the report say ("scale deployment/api back to 3 replicas").
   */
  void registerUndo(String description, Undo undo);

  /**
   * As {@link #registerUndo(String, Undo)}, with the inverse also written as values ({@code
   * recipe}): the journal keeps it, forced to disk before the side effect, so that `chaos
   * recover` can rebuild the inverse through the driver's {@link LiveBinding#recover} after
   * the runner died. Every built-in live call that registers an undo gives one.
   */
  default void registerUndo(String description, UndoRecipe recipe, Undo undo) {
    registerUndo(description, undo);
  }

  /**
   * Completes the recipe of the undo this call registered last, once the side effect told more
   * (the uid and generated name of an object just created); journaled as a further event.
   */
  default void updateUndo(UndoRecipe recipe) {}

  /** A line for the output and the journal. */
  void log(String line);

  /**
   * Says how much of its targets a disruptive call actually hit ("1 of 5 pods of
   * deployment/backend"), for the report's "Blast Radius Actual".
   */
  default void affected(int count, int of, String targets) {}

  /**
   * The dry-run branch of every mutating call, written once. In a dry run it hands {@code
   * preview} to the run and answers true: the call must then answer from reads alone, register
   * no undo and change nothing. In a real run it answers false and the call goes on.
   */
  default boolean dryRun(Preview preview) {
    if (!run().dryRun()) {
      return false;
    }
    preview(preview);
    return true;
  }

  /**
   * Takes a dry run's preview. The interpreter keeps it for the plan, the console and the
   * report (and refuses a mutating call that answered a dry run without one); a context that
   * keeps none logs it.
   */
  default void preview(Preview preview) {
    log("dry run: would " + preview.action());
  }
}
