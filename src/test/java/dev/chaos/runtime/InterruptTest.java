package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.check;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A signal (Ctrl-C, SIGTERM) stops the run where it is; undo runs; the run ends interrupted. */
@Timeout(20)
class InterruptTest {
  private static RunResult runAndInterruptAt(Fakes w, String text, Duration at,
      List<RunEvent> events) {
    RunEngine engine = new RunEngine(check(text), w.backend, RunOptions.defaults(), events::add);
    var clock = w.backend.clock();
    Thread[] signal = new Thread[1];
    w.backend.on("shell.run", (a, c) -> {
      // a signal "arrives" at a virtual instant, from a thread of its own
      signal[0] = clock.start("signal", () -> {
        try {
          clock.sleep(at);
          engine.interrupt("interrupted (SIGINT)");
        } catch (InterruptedException ignored) {
          // the run ended first
        }
      });
      return dev.chaos.types.Value.rec("Result", "exit", dev.chaos.types.Value.integer(0),
          "stdout", dev.chaos.types.Value.str(""), "stderr", dev.chaos.types.Value.str(""));
    });
    return engine.run();
  }

  @Test
  void aSignalDuringAWaitUndoesAndEndsInterrupted() {
    Fakes w = new Fakes();
    List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
    RunResult r = runAndInterruptAt(w, runbook("""
          step "arm" irreversible { shell.run("arm") }
          step "scale" { k8s.scale("deployment", "api", 1) }
          step "hold" { wait 10m }
          on abort { notify.send("${abort.reason} in ${abort.phase}") }
          recovery within 1m { expect false }
        """), Duration.ofSeconds(30), events);
    assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(w.effects()).containsExactly("scale api", "notify interrupted (SIGINT) in steps",
        "unscale api");
    assertThat(r.recovery().ran()).isFalse();
    assertThat(w.backend.elapsed()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aSignalBeforeTheRunStartsChangesNothing() {
    Fakes w = new Fakes();
    RunEngine engine = new RunEngine(check(runbook("""
          step "scale" { k8s.scale("deployment", "api", 1) }
        """)), w.backend, RunOptions.defaults(), e -> { });
    engine.interrupt("interrupted (SIGTERM)");
    RunResult r = engine.run();
    assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(w.effects()).isEmpty();
  }
}
