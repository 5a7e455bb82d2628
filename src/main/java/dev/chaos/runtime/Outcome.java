package dev.chaos.runtime;

/**
 * How a run ended (contract section 6). The command line maps each to its exit code; when
 * several apply, the most serious wins: an undo that failed above all, since the world may still
 * be disrupted.
 */
public enum Outcome {
  /** Everything held: steps, verifies, recovery. */
  PASSED,
  /** A step or a verify failed; undo done. */
  FAILED,
  /** Not started: the environment or the window did not allow it. Nothing changed. */
  REFUSED,
  /** A precondition was false or failed; nothing changed, nothing undone. */
  PRECONDITION_FAILED,
  /** A guard tripped or `max_duration` passed; undo done. */
  ABORTED,
  /** An undo failed: the world may still be disrupted. */
  UNDO_FAILED,
  /** The recovery conditions did not hold within their deadline. */
  NOT_RECOVERED,
  /** Ctrl-C or SIGTERM; undo done. */
  INTERRUPTED;

  /** `precondition_failed`, as the journal and the reports write it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
