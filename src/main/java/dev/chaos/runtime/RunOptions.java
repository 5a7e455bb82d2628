package dev.chaos.runtime;

import java.time.Duration;

/**
 * How to run: {@code dryRun} shows mutations instead of making them; {@code environment} is
 * `--env` (null: not given); {@code callTimeout} bounds every driver call that nothing bounds
 * sooner; a failing undo is tried {@code undoAttempts} times, waiting {@code undoBackoff},
 * then twice that, and so on, between attempts.
 */
public record RunOptions(boolean dryRun, String environment, Duration callTimeout,
    int undoAttempts, Duration undoBackoff) {

  public static RunOptions defaults() {
    return new RunOptions(false, null, Duration.ofMinutes(2), 3, Duration.ofSeconds(2));
  }

  public RunOptions withDryRun(boolean dry) {
    return new RunOptions(dry, environment, callTimeout, undoAttempts, undoBackoff);
  }

  public RunOptions withEnvironment(String env) {
    return new RunOptions(dryRun, env, callTimeout, undoAttempts, undoBackoff);
  }

  public RunOptions withUndo(int attempts, Duration backoff) {
    return new RunOptions(dryRun, environment, callTimeout, attempts, backoff);
  }
}
