package dev.chaos.cli;

import java.util.List;

/**
 * Failures the user can act on, each reported as one `error: ...` line on stderr, never with a
 * stack trace; messages are lowercase, without a final period.
 */
final class CommandFailure extends RuntimeException {
  private final List<String> problems;
  private final int exitCode;

  CommandFailure(String problem) {
    this(List.of(problem), ExitCodes.INVALID_INPUT);
  }

  CommandFailure(List<String> problems, int exitCode) {
    super(String.join("; ", problems), null, false, false);
    this.problems = List.copyOf(problems);
    this.exitCode = exitCode;
  }

  List<String> problems() {
    return problems;
  }

  int exitCode() {
    return exitCode;
  }
}
