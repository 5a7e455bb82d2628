package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.cli.ExitCodes;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Signals sent to a real `chaos exec` process against the lab, as a shell (Ctrl-C) or an
 * orchestrator (SIGTERM) sends them: the run stops, undo runs to its end, and the run exits 130
 * with a complete journal.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Isolated
@Timeout(900)
class RunnerSignalsTest {
  @TempDir
  Path dir;

  @Test
  void sigintInAWaitStopsTheRunAndUndoes() throws Exception {
    assertThat(Lab.podChaosExists("faults-sigint-in-wait")).as("left over").isFalse();
    try (ChaosRun run = ChaosRun.start(dir, "sigint-in-wait.chaos")) {
      run.awaitEvent("the run waits 10m", e -> e instanceof RunEvent.Wait w
          && w.duration().equals(Duration.ofMinutes(10)));
      assertThat(Lab.podChaosExists("faults-sigint-in-wait")).isTrue();
      run.signal("INT");
      assertThat(run.awaitExit()).as(run.output()).isEqualTo(ExitCodes.INTERRUPTED);
      List<RunEvent> events = run.events();
      Journals.completeAndUndone(events, Outcome.INTERRUPTED, run.output());
      assertThat(events).anySatisfy(e -> {
        assertThat(e).isInstanceOf(RunEvent.StepFinished.class);
        RunEvent.StepFinished f = (RunEvent.StepFinished) e;
        assertThat(f.step()).isEqualTo("hold");
        assertThat(f.status()).isEqualTo(RunResult.StepResult.Status.INTERRUPTED);
      });
      assertThat(run.stderr()).contains("SIGINT: stopping; undo runs before exit");
      assertThat(Lab.podChaosExists("faults-sigint-in-wait")).isFalse();
      assertThat(Lab.redisKeyExists(Lab.redisMaster(), "chaos:faults:sigint")).isFalse();
      assertThat(Lab.leaseExists("faults-sigint")).isFalse();
    }
  }

  /**
   * SIGTERM while an undo block waits on its gate: undo is not cut short; the block ends when
   * the gate opens, the automatic inverse after it still runs, and the run exits 130.
   */
  @Test
  void sigtermDuringUndoLetsUndoComplete() throws Exception {
    assertThat(Lab.podChaosExists("faults-sigterm-during-undo")).as("left over").isFalse();
    try (ChaosRun run = ChaosRun.start(dir, "sigterm-during-undo.chaos")) {
      run.awaitEvent("the undo block waits on its gate", e -> e instanceof RunEvent.WaitUntil w
          && w.section().equals("undo") && w.condition().contains("gate"));
      run.signal("TERM");
      org.awaitility.Awaitility.await("the run took the signal").atMost(Duration.ofMinutes(3))
          .until(() -> run.stderr().contains("SIGTERM: stopping; undo runs before exit"));
      assertThat(Lab.podChaosExists("faults-sigterm-during-undo")).as("not undone yet").isTrue();
      run.openGate();
      assertThat(run.awaitExit()).as(run.output()).isEqualTo(ExitCodes.INTERRUPTED);
      List<RunEvent> events = run.events();
      Journals.completeAndUndone(events, Outcome.INTERRUPTED, run.output());
      assertThat(Journals.registered(events)).hasSize(2);
      assertThat(Lab.podChaosExists("faults-sigterm-during-undo")).isFalse();
      assertThat(Lab.leaseExists("faults-sigterm")).isFalse();
    }
  }
}
