package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.RunResult.StepResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The order of a run and what undo does after each way a run can end (contract section 6). */
@Timeout(20)
class RunPhasesTest {
  private static final String SCALE_THEN = """
        step "scale" {
          k8s.scale("deployment", "api", 1)
        }
      """;

  @Test
  void aFailedPreconditionChangesNothingAndUndoesNothing() {
    Fakes w = new Fakes().series(t -> 0.5);
    RunFixture.Run r = run(runbook("""
          precondition "error rate low" { expect prometheus.scalar("x") < 0.01 }
          precondition "always" { expect true }
        """ + SCALE_THEN + """
          rollback { notify.send("rollback") }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(r.result().preconditions()).extracting(RunResult.Check::outcome)
        .containsExactly(ProbeOutcome.FALSE, ProbeOutcome.TRUE);
    assertThat(r.result().reason()).startsWith("precondition \"error rate low\" was false: "
        + "`prometheus.scalar(\"x\") < 0.01` is false (0.5 < 0.01)");
    assertThat(w.backend.calls()).containsExactly("prometheus.scalar");
    assertThat(w.effects()).isEmpty();
    assertThat(r.result().undos()).isEmpty();
    assertThat(r.events(RunEvent.UndoRegistered.class)).isEmpty();
  }

  @Test
  void aPreconditionThatErrorsCountsAsFailed() {
    Fakes w = new Fakes().flakySeries(t -> null);
    RunFixture.Run r = run(runbook("""
          precondition "monitoring" { expect prometheus.scalar("x") < 0.01 }
        """ + SCALE_THEN), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(r.result().preconditions().get(0).outcome()).isEqualTo(ProbeOutcome.ERROR);
    assertThat(r.result().preconditions().get(0).message())
        .contains("connection refused");
    assertThat(w.effects()).isEmpty();
  }

  @Test
  void undoRunsInReverseOrderThenTheRollback() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "a" { k8s.scale("deployment", "a", 1) }
          step "b" { notify.send("b") } undo { notify.send("undo b") }
          step "c" {
            k8s.scale("deployment", "c", 1)
            k8s.scale("deployment", "d", 1)
          }
          rollback { notify.send("rollback") }
        """), w.backend);
    assertThat(r.result().outcome()).as(r.result().reason()).isEqualTo(Outcome.PASSED);
    assertThat(w.effects()).containsExactly("scale a", "notify b", "scale c", "scale d",
        "unscale d", "unscale c", "notify undo b", "unscale a", "notify rollback");
    assertThat(r.result().undos()).extracting(RunResult.UndoResult::status)
        .containsOnly(RunResult.UndoResult.Status.DONE).hasSize(5);
  }

  @Test
  void everyUndoIsJournaledBeforeItsSideEffect() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook(SCALE_THEN + """
          step "b" { notify.send("b") } undo { notify.send("undo b") }
          rollback { notify.send("rollback") }
        """), w.backend);
    java.util.List<String> order = r.events().stream()
        .filter(e -> e instanceof RunEvent.UndoRegistered
            || e instanceof RunEvent.CallResult c && c.ok() && c.args() == null)
        .map(e -> e instanceof RunEvent.UndoRegistered u
            ? "undo " + u.kind().name().toLowerCase(java.util.Locale.ROOT)
            : "done " + ((RunEvent.CallResult) e).fn())
        .toList();
    assertThat(order).startsWith("undo rollback", "undo inverse", "done k8s.scale",
        "undo block", "done notify.send");
  }

  @Test
  void aFailedStepSkipsTheRestAndUndoes() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook(SCALE_THEN + """
          step "boom" { fail "boom" }
          step "never" irreversible { notify.send("never") }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().steps()).extracting(StepResult::status).containsExactly(
        StepResult.Status.PASSED, StepResult.Status.FAILED, StepResult.Status.NOT_RUN);
    assertThat(w.effects()).containsExactly("scale api", "unscale api");
  }

  @Test
  void aFailedExpectInAStepUndoesToo() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "scale and check" {
            k8s.scale("deployment", "api", 1)
            expect 1 == 2 else "replicas did not change"
          }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().reason()).isEqualTo(
        "step \"scale and check\" failed: replicas did not change (1 == 2)");
    assertThat(w.effects()).containsExactly("scale api", "unscale api");
  }

  @Test
  void aGuardAbortsInTheMiddleOfALongWait() {
    Fakes w = new Fakes().series(t -> t.toSeconds() < 42 ? 0.001 : 0.07);
    RunFixture.Run r = run(runbook("""
          guard "error rate under 5%" every 5s { expect prometheus.scalar("e") < 0.05 }
        """ + SCALE_THEN + """
          step "hold" { wait 10m }
          step "after" irreversible { notify.send("never") }
          on abort { notify.send("aborted in ${abort.phase}: ${abort.reason}") }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(r.result().steps()).extracting(StepResult::status).containsExactly(
        StepResult.Status.PASSED, StepResult.Status.ABORTED, StepResult.Status.NOT_RUN);
    String reason = "guard \"error rate under 5%\" tripped: `prometheus.scalar(\"e\") < 0.05` "
        + "is false (0.07 < 0.05)";
    assertThat(r.result().reason()).isEqualTo(reason);
    assertThat(w.effects()).containsExactly("scale api",
        "notify aborted in steps: " + reason, "unscale api");
    assertThat(Fakes.at(r.events(RunEvent.UndoStarted.class).get(0))).isEqualTo(45);
    assertThat(r.result().guards().get(0).tripped()).isTrue();
  }

  @Test
  void aGuardThatErrorsAbortsAndIsReportedAsAnError() {
    Fakes w = new Fakes().flakySeries(t -> t.toSeconds() < 12 ? 0.001 : null);
    RunFixture.Run r = run(runbook("""
          guard "monitoring" every 5s { expect prometheus.scalar("e") < 0.05 }
        """ + SCALE_THEN + """
          step "hold" { wait 10m }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.ABORTED);
    RunResult.ProbeSummary guard = r.result().guards().get(0);
    assertThat(guard.trues()).isEqualTo(3);
    assertThat(guard.falses()).isZero();
    assertThat(guard.errors()).isEqualTo(1);
    assertThat(r.result().reason()).startsWith("guard \"monitoring\" errored: ")
        .contains("connection refused");
    assertThat(w.effects()).containsExactly("scale api", "unscale api");
  }

  @Test
  void maxDurationAbortsAndUndoes() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("  max_duration 1m\n" + SCALE_THEN + """
          step "hold" { wait 5m }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(r.result().reason()).isEqualTo("max_duration 1m exceeded");
    assertThat(w.effects()).containsExactly("scale api", "unscale api");
    assertThat(Fakes.at(r.events(RunEvent.UndoStarted.class).get(0))).isEqualTo(60);
  }

  @Test
  void aFailingUndoIsRetriedTheRestStillRunAndTheRunSaysWhatRemains() {
    Fakes w = new Fakes();
    w.backend.on("k8s.scale", (a, c) -> {
      c.registerUndo("scale api back to 3", ctx -> {
        throw new IllegalStateException("api server unavailable");
      });
      return dev.chaos.types.Value.integer(3);
    });
    RunFixture.Run r = run(runbook(SCALE_THEN + """
          step "b" { notify.send("b") } undo { notify.send("undo b") }
          rollback { notify.send("rollback") }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.UNDO_FAILED);
    assertThat(w.effects()).containsExactly("notify b", "notify undo b", "notify rollback");
    assertThat(r.result().remaining()).singleElement().satisfies(u -> {
      assertThat(u.description()).isEqualTo("scale api back to 3 (inverse of k8s.scale)");
      assertThat(u.attempts()).isEqualTo(3);
      assertThat(u.message()).isEqualTo("api server unavailable");
    });
    assertThat(r.events(RunEvent.UndoFinished.class).stream()
        .filter(e -> !e.ok()).map(Fakes::at).toList())
        .containsExactly(0L, 2L, 6L);
  }

  @Test
  void stepTimeoutFailsTheAttemptAndRetryRunsItAgain() {
    Fakes w = new Fakes();
    RunFixture.Run r = run(runbook("""
          step "slow" timeout 10s retry 2 { wait 1m }
        """), w.backend);
    StepResult step = r.result().steps().get(0);
    assertThat(step.status()).isEqualTo(StepResult.Status.TIMED_OUT);
    assertThat(step.attempts()).isEqualTo(3);
    assertThat(step.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void retrySucceedsOnALaterAttempt() {
    Fakes w = new Fakes().series(t -> t.toSeconds() >= 2 ? 1.0 : 0.0);
    RunFixture.Run r = run(runbook("""
          step "eventually" retry 3 {
            wait 1s
            expect prometheus.scalar("up") == 1.0
          }
        """), w.backend);
    assertThat(r.result().steps().get(0).status()).isEqualTo(StepResult.Status.PASSED);
    assertThat(r.result().steps().get(0).attempts()).isEqualTo(2);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void recoveryMeasuresTheTimeItTakes() {
    Fakes w = new Fakes().series(t -> t.toSeconds() < 23 ? 0.02 : 0.0005);
    RunFixture.Run r = run(runbook(SCALE_THEN + """
          recovery within 2m every 5s { expect prometheus.scalar("e") < 0.001 }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.result().recovery().time()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void notRecoveredInTime() {
    Fakes w = new Fakes().series(t -> 0.02);
    RunFixture.Run r = run(runbook(SCALE_THEN + """
          recovery within 30s every 5s { expect prometheus.scalar("e") < 0.001 }
        """), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.NOT_RECOVERED);
    assertThat(r.result().recovery().recovered()).isFalse();
    assertThat(w.backend.elapsed()).isEqualTo(Duration.ofSeconds(30));
  }
}
