package dev.chaos.runtime;

import java.util.ArrayList;
import java.util.List;

/** Sentences the reports share: the conclusion and the improvement actions. */
final class ReportText {
  private ReportText() {}

  static String conclusion(RunResult r) {
    String name = "\"" + r.header().title() + "\"";
    switch (r.outcome()) {
      case PASSED:
        return r.dryRun()
            ? "The dry run of " + name + " could start: every precondition held. No change was "
                + "made; the mutations it would make are in the journal."
            : "The hypothesis held: " + name + " ran every step, every check held"
                + (r.recovery().recovered() ? ", and the system recovered in "
                    + dev.chaos.types.ValueFormat.duration(r.recovery().time()) : "")
                + ". Everything it changed was undone.";
      case FAILED:
        return "The hypothesis did not hold: " + r.reason() + ". Everything the run changed was "
            + "undone; see the failures above.";
      case REFUSED:
        return "The run did not start: " + r.reason() + ". Nothing was changed.";
      case PRECONDITION_FAILED:
        return "The run did not start its steps: " + r.reason() + ". Fix the system (or the "
            + "precondition) before running it again.";
      case ABORTED:
        return "The run was aborted: " + r.reason() + ". Everything it changed was undone; the"
            + " system's behaviour under this failure needs attention before the next run.";
      case UNDO_FAILED:
        return "The world may still be disrupted: " + r.reason() + ". Undo by hand what the "
            + "Undo section lists as still disrupted, then check the system.";
      case NOT_RECOVERED:
        return "The system did not recover within " + r.recovery().within() + " after undo: "
            + "the recovery objective was missed.";
      case INTERRUPTED:
        return "The run was interrupted (" + r.reason() + "). Everything it changed was undone.";
      default:
        throw new IllegalStateException("unhandled outcome " + r.outcome());
    }
  }

  /** One row per failure: priority and action item. */
  static List<String[]> improvements(RunResult r) {
    List<String[]> rows = new ArrayList<>();
    for (RunResult.UndoResult u : r.remaining()) {
      rows.add(new String[] {"P0", "Make this undo reliable: " + u.description()});
    }
    for (RunResult.ProbeSummary g : r.guards()) {
      if (g.tripped()) {
        rows.add(new String[] {"P0", "Find why guard \"" + g.name() + "\" tripped: "
            + g.firstProblem()});
      }
    }
    if (r.recovery().ran() && !r.recovery().recovered()) {
      rows.add(new String[] {"P0", "Bring recovery under " + r.recovery().within()});
    }
    for (RunResult.StepResult s : r.steps()) {
      if (s.status() == RunResult.StepResult.Status.FAILED
          || s.status() == RunResult.StepResult.Status.TIMED_OUT) {
        rows.add(new String[] {"P1", "Fix step \"" + s.name() + "\": " + s.message()});
      }
    }
    for (RunResult.Check v : r.verifies()) {
      if (v.outcome() != ProbeOutcome.TRUE) {
        rows.add(new String[] {"P1", "Meet verify \"" + v.name() + "\": " + v.message()});
      }
    }
    for (RunResult.ProbeSummary t : r.throughout()) {
      if (t.falses() + t.errors() > 0) {
        rows.add(new String[] {"P1", "Meet verify \"" + t.name() + "\" throughout: "
            + t.firstProblem()});
      }
    }
    for (RunResult.ObserveSummary o : r.observes()) {
      if (o.errors() > 0) {
        rows.add(new String[] {"P2", "Make observe " + o.name() + " reliable: "
            + o.lastError()});
      }
    }
    return rows;
  }
}
