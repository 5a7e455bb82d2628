package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.RunEvent;
import java.util.List;

/** What every fault-injection test asks of a journal: complete, and every undo accounted for. */
final class Journals {
  private Journals() {}

  /**
   * The journal has the run from `run_started` to `run_finished` with {@code outcome}, and
   * every undo registered (not superseded) finished, ok, with nothing remaining.
   */
  static RunEvent.RunFinished completeAndUndone(List<RunEvent> events, Outcome outcome,
      String context) {
    RunEvent.RunFinished finished = complete(events, outcome, context);
    assertThat(finished.remaining()).as("remaining undos%n%s", context).isEmpty();
    List<RunEvent.UndoRegistered> registered = registered(events);
    assertThat(registered).as("undo registrations%n%s", context).isNotEmpty();
    for (RunEvent.UndoRegistered r : registered) {
      assertThat(events).as("undo %d (%s) finished ok%n%s", r.id(), r.description(), context)
          .anySatisfy(e -> {
            assertThat(e).isInstanceOf(RunEvent.UndoFinished.class);
            RunEvent.UndoFinished f = (RunEvent.UndoFinished) e;
            assertThat(f.id()).isEqualTo(r.id());
            assertThat(f.ok()).isTrue();
          });
    }
    return finished;
  }

  /**
   * The journal starts with `run_started` and ends with its one `run_finished`, with
   * {@code outcome}; every step and undo attempt it shows starting it shows ending.
   */
  static RunEvent.RunFinished complete(List<RunEvent> events, Outcome outcome, String context) {
    assertThat(events).as("journal%n%s", context).isNotEmpty();
    assertThat(events.get(0)).as("first event%n%s", context)
        .isInstanceOf(RunEvent.RunStarted.class);
    RunEvent last = events.get(events.size() - 1);
    assertThat(last).as("last event%n%s", context).isInstanceOf(RunEvent.RunFinished.class);
    RunEvent.RunFinished finished = (RunEvent.RunFinished) last;
    assertThat(events.stream().filter(RunEvent.RunFinished.class::isInstance).count())
        .as("run_finished events%n%s", context).isEqualTo(1);
    // every step attempt and every undo attempt that started is journaled as ended
    for (RunEvent e : events) {
      if (e instanceof RunEvent.StepStarted s) {
        assertThat(events).as("step \"%s\" finished%n%s", s.step(), context)
            .anyMatch(f -> f instanceof RunEvent.StepFinished sf && sf.step().equals(s.step()));
      }
      if (e instanceof RunEvent.UndoStarted u) {
        assertThat(events).as("undo %d attempt %d finished%n%s", u.id(), u.attempt(), context)
            .anyMatch(f -> f instanceof RunEvent.UndoFinished uf && uf.id() == u.id()
                && uf.attempt() == u.attempt());
      }
    }
    assertThat(finished.outcome()).as("outcome (%s)%n%s", finished.reason(), context)
        .isEqualTo(outcome);
    return finished;
  }

  /** The undos that run (a superseded inverse is only journaled). */
  static List<RunEvent.UndoRegistered> registered(List<RunEvent> events) {
    return events.stream().filter(RunEvent.UndoRegistered.class::isInstance)
        .map(RunEvent.UndoRegistered.class::cast).filter(r -> r.supersededBy() == null).toList();
  }
}
