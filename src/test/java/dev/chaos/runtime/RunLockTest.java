package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.RunLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runbook's `lock`: taken after the refusals, held through undo, released at the end. */
@Timeout(20)
class RunLockTest {
  private static final String LOCKED = """
        lock "llm-marketplace"
        max_duration 10m
        step "scale" {
          k8s.scale("deployment", "api", 1)
        }
      """;

  private final List<String> held = new ArrayList<>();

  private RunLock.Store recording(Fakes w) {
    return (name, holder, hold) -> {
      held.add("take " + name + " for " + hold.toMinutes() + "m by " + holder);
      return () -> held.add("release " + name + " after " + w.effects());
    };
  }

  @Test
  void theLockIsHeldFromBeforeThePreconditionsUntilUndoIsDone() {
    Fakes w = new Fakes();
    w.backend.locks = recording(w);
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(held).hasSize(2);
    assertThat(held.get(0)).startsWith("take llm-marketplace for 40m by ")
        .contains("(runbook t, pid " + ProcessHandle.current().pid() + ")");
    // released only after the inverse of the scale ran
    assertThat(held.get(1)).isEqualTo("release llm-marketplace after [scale api, unscale api]");
  }

  @Test
  void aLockHeldElsewhereRefusesTheRunBeforeAnythingIsTouched() {
    Fakes w = new Fakes();
    w.backend.locks = (name, holder, hold) -> {
      throw new RunLock.Refused("held by bob@ci-3 (runbook pod-failure, pid 42) until 03:40Z");
    };
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(r.result().reason()).isEqualTo("cannot take the lock `llm-marketplace`: held by "
        + "bob@ci-3 (runbook pod-failure, pid 42) until 03:40Z");
    assertThat(w.backend.calls()).isEmpty();
  }

  @Test
  void aLockStoreThatFailsRefusesTheRunInsteadOfCrashingIt() {
    Fakes w = new Fakes();
    w.backend.locks = (name, holder, hold) -> {
      throw new IllegalStateException("k8s: cannot read kubeconfig /nowhere/kubeconfig");
    };
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(r.result().reason()).isEqualTo("cannot take the lock `llm-marketplace`: k8s: "
        + "cannot read kubeconfig /nowhere/kubeconfig");
    assertThat(w.backend.calls()).isEmpty();
  }

  @Test
  void aDryRunTakesNoLock() {
    Fakes w = new Fakes();
    w.backend.locks = recording(w);
    run(runbook(LOCKED), w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(held).isEmpty();
  }

  @Test
  void withoutMaxDurationTheLockIsHeldForAnHourAndAHalf() {
    Fakes w = new Fakes();
    w.backend.locks = recording(w);
    run(runbook(LOCKED.replace("max_duration 10m\n", "")), w.backend);
    assertThat(held.get(0)).startsWith("take llm-marketplace for 90m");
  }
}
