package dev.chaos.cli;

import java.util.List;

/**
 * What `chaos exec` says to the second and third signal: the truth about what the run is doing
 * (a precondition or a step still returning is not undo) and, when the third cuts undo short,
 * what is left behind and the exit code that says so.
 */
final class SignalReplies {
  private SignalReplies() {}

  /** The phases in which the run is undoing (RunPhase labels). */
  private static final List<String> UNDOING = List.of("on abort", "undo", "recovery", "report");

  /** The second signal: the run was already told to stop. */
  static String second(String signal, String phase) {
    if (UNDOING.contains(phase)) {
      return signal + ": undo is running (phase " + phase
          + "); a third signal exits without finishing it";
    }
    return signal + ": still stopping: waiting for the " + phase
        + " in progress to return, then undo runs; a third signal exits at once";
  }

  /** The third signal: the exit code, and the message naming what undo did not do. */
  record Exit(int code, String message) {}

  static Exit third(String signal, List<String> remaining) {
    if (remaining.isEmpty()) {
      return new Exit(ExitCodes.INTERRUPTED, signal + ": exiting at once; nothing was left to undo");
    }
    StringBuilder text = new StringBuilder(signal + ": exiting at once: undo was cut short, "
        + remaining.size() + " change" + (remaining.size() == 1 ? " is" : "s are")
        + " left behind:");
    for (String what : remaining) {
      text.append("\n  - ").append(what);
    }
    text.append("\nthe journal lists them; undo them before the next run");
    return new Exit(ExitCodes.UNDO_FAILED, text.toString());
  }
}
