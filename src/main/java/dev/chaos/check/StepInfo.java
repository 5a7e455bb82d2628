package dev.chaos.check;

import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.util.List;

/**
 * What a step does to the world and how it is undone. {@code mutatingCalls} are the builtin
 * calls that change the world, reached from the step body directly or through actions;
 * {@code invertibleCalls} are those among them whose builtin has an automatic inverse, which the
 * interpreter journals and undoes.
 */
public record StepInfo(Member.Step step, List<Expr.Call> mutatingCalls,
    List<Expr.Call> invertibleCalls, Undo undo) {
  public StepInfo {
    mutatingCalls = List.copyOf(mutatingCalls);
    invertibleCalls = List.copyOf(invertibleCalls);
  }

  public boolean mutates() {
    return !mutatingCalls.isEmpty();
  }

  /** How a step is undone; the first that applies, in this order. */
  public enum Undo {
    /** The step changes nothing. */
    NOT_NEEDED,
    /** Marked `irreversible`. */
    IRREVERSIBLE,
    /** Its own `undo { }` block. */
    OWN_BLOCK,
    /** Every mutating call has an automatic inverse. */
    AUTOMATIC,
    /** The runbook's `rollback` covers it. */
    ROLLBACK,
    /** Nothing undoes it: reported as CH0403. */
    MISSING
  }
}
