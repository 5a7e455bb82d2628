package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.check;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a third signal names as left behind: the undos not done yet, in undo's order. */
@Timeout(20)
class UndoRemainingTest {
  @Test
  void whatUndoHasNotDoneShrinksAsUndoRuns() {
    Fakes w = new Fakes();
    RunEngine[] engine = new RunEngine[1];
    List<List<String>> atEachUndo = new ArrayList<>();
    engine[0] = new RunEngine(check(runbook("""
          step "a" { k8s.scale("deployment", "api", 1) }
          step "b" { k8s.scale("deployment", "web", 2) }
        """)), w.backend, RunOptions.defaults(), event -> {
          if (event instanceof RunEvent.UndoStarted) {
            atEachUndo.add(engine[0].undoRemaining());
          }
        });
    assertThat(engine[0].undoRemaining()).isEmpty();
    engine[0].run();
    assertThat(atEachUndo).hasSize(2);
    assertThat(atEachUndo.get(0)).hasSize(2);
    assertThat(atEachUndo.get(0).get(0)).contains("web");
    assertThat(atEachUndo.get(0).get(1)).contains("api");
    assertThat(atEachUndo.get(1)).hasSize(1);
    assertThat(atEachUndo.get(1).get(0)).contains("api");
    assertThat(engine[0].undoRemaining()).isEmpty();
  }
}
