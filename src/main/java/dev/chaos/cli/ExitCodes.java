package dev.chaos.cli;

/** Exit codes of every `chaos` command; `chaos --help` lists them. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** `check`: errors found (or warnings, with --strict); `exec`: a verify or a step failed. */
  public static final int FAILED = 1;
  /** A usage error, or input that cannot be read (missing, binary, not UTF-8). */
  public static final int INVALID_INPUT = 2;
  /** `exec`: a precondition failed; nothing was changed. */
  public static final int PRECONDITION_FAILED = 3;
  /** `exec`: a guard tripped or max_duration passed; undo done. */
  public static final int ABORTED = 4;
  /** `exec`: an undo failed; the world may still be disrupted. */
  public static final int UNDO_FAILED = 5;
  /** `exec`: the recovery conditions did not hold within the deadline. */
  public static final int NOT_RECOVERED = 6;
  /** Ctrl-C or SIGTERM; undo done. */
  public static final int INTERRUPTED = 130;
}
