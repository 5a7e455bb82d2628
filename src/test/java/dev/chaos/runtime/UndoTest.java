package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The finer points of undo: scopes, retries of steps, inverses inside undo, `on abort`. */
@Timeout(20)
class UndoTest {
  @Test
  void anUndoBlockSeesTheLetsOfItsStep() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "s" {
            let target = "api-" + "blue"
            notify.send("took ${target}")
          } undo {
            notify.send("gave back ${target}")
          }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(w.effects()).containsExactly("notify took api-blue", "notify gave back api-blue");
  }

  @Test
  void anUndoBlockThatNeedsALetTheStepNeverReachedFailsAndSaysSo() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "s" {
            fail "before the let"
            let target = "api"
          } undo {
            notify.send("gave back ${target}")
          }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.UNDO_FAILED);
    assertThat(r.result().remaining().get(0).message()).startsWith(
        "`target` has no value here: the statement that sets it did not run at test.chaos:");
  }

  @Test
  void inversesOfAStepWithItsOwnUndoBlockAreLeftToTheBlock() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "s" {
            k8s.scale("deployment", "api", 1)
          } undo {
            notify.send("own undo")
          }
        """), w.backend);
    assertThat(w.effects()).containsExactly("scale api", "notify own undo");
    assertThat(r.result().undos()).extracting(RunResult.UndoResult::status).containsExactly(
        RunResult.UndoResult.Status.SKIPPED, RunResult.UndoResult.Status.DONE);
  }

  @Test
  void everyAttemptOfARetriedStepIsUndone() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "s" retry 1 {
            k8s.scale("deployment", "api", 1)
            fail "not yet"
          }
        """), w.backend);
    assertThat(r.result().steps().get(0).attempts()).isEqualTo(2);
    assertThat(w.effects()).containsExactly("scale api", "scale api", "unscale api",
        "unscale api");
  }

  @Test
  void callsInUndoAndRollbackAreNotUndoneThemselves() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "s" { notify.send("s") } undo { k8s.scale("deployment", "a", 3) }
          rollback { k8s.scale("deployment", "b", 3) }
        """), w.backend);
    assertThat(w.effects()).containsExactly("notify s", "scale a", "scale b");
    assertThat(r.logs()).anyMatch(l -> l.startsWith("not undone (called in undo \"s\")"));
  }

  @Test
  void aFailingOnAbortDoesNotKeepUndoFromRunning() {
    Fakes w = new Fakes().series(t -> t.toSeconds() < 5 ? 0.0 : 1.0);
    RunFixture.Run r = run(runbook("""
          guard "g" every 5s { expect prometheus.scalar("x") < 0.5 }
          step "s" {
            k8s.scale("deployment", "api", 1)
            wait 1m
          }
          on abort { fail "on abort broke" }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(w.effects()).containsExactly("scale api", "unscale api");
    assertThat(r.result().problems()).anyMatch(p -> p.startsWith("`on abort` failed: "
        + "on abort broke"));
  }

  @Test
  void nothingIsUndoneWhenNoStepStarted() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          precondition "no" { expect false }
          step "s" { k8s.scale("deployment", "api", 1) }
          rollback { notify.send("rollback") }
          on abort { notify.send("abort") }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(w.effects()).isEmpty();
    assertThat(r.result().steps()).extracting(RunResult.StepResult::status)
        .containsExactly(RunResult.StepResult.Status.NOT_RUN);
  }
}
