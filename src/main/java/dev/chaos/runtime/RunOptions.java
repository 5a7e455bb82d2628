package dev.chaos.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run: {@code dryRun} shows mutations instead of making them; {@code environment} is
 * `--env` (null: not given); {@code callTimeout} bounds every driver call that nothing bounds
 * sooner; a failing undo is tried {@code undoAttempts} times, waiting {@code undoBackoff},
 * then twice that, and so on, between attempts. {@code runId} names this run (in the journal,
 * the reports and the lock's holder; see {@link RunId}); {@code journal} is where its journal
 * is written (null: nowhere), kept beside the lock so another run can find it.
 */
public record RunOptions(boolean dryRun, String environment, Duration callTimeout,
    int undoAttempts, Duration undoBackoff, String runId, Path journal) {

  public RunOptions(boolean dryRun, String environment, Duration callTimeout, int undoAttempts,
      Duration undoBackoff) {
    this(dryRun, environment, callTimeout, undoAttempts, undoBackoff, null, null);
  }

  public static RunOptions defaults() {
    return new RunOptions(false, null, Duration.ofMinutes(2), 3, Duration.ofSeconds(2));
  }

  public RunOptions withDryRun(boolean dry) {
    return new RunOptions(dry, environment, callTimeout, undoAttempts, undoBackoff, runId,
        journal);
  }

  public RunOptions withEnvironment(String env) {
    return new RunOptions(dryRun, env, callTimeout, undoAttempts, undoBackoff, runId, journal);
  }

  public RunOptions withUndo(int attempts, Duration backoff) {
    return new RunOptions(dryRun, environment, callTimeout, attempts, backoff, runId, journal);
  }

  /** This run's id and journal file. */
  public RunOptions withRun(String id, Path journalFile) {
    return new RunOptions(dryRun, environment, callTimeout, undoAttempts, undoBackoff, id,
        journalFile);
  }
}
