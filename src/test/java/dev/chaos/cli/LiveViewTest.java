package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.ProbeOutcome;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunPhase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The terminal view: lines scroll, and the status block below them is redrawn in place. */
class LiveViewTest {
  private static final Instant T0 = Instant.parse("2025-01-06T03:00:00Z");

  private static Instant at(int second) {
    return T0.plusSeconds(second);
  }

  @Test
  void showsThePhaseTheStepTheWaitCountdownAndEachGuard() {
    StringWriter text = new StringWriter();
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    LiveView view = new LiveView(new PrintWriter(text), false, now::get, 80);
    view.on(new RunEvent.RunStarted(at(0), "r", "R", "r.chaos", "staging", false, null, null,
        null, null, "r-20261203-031500-0a1b"));
    view.on(new RunEvent.PhaseEntered(at(0), RunPhase.STEPS));
    view.on(new RunEvent.StepStarted(at(0), "hold", null, null, 0, false));
    view.on(new RunEvent.Wait(at(0), "step", "hold", Duration.ofMinutes(1), at(60), false));
    now.set(T0.plusSeconds(15));
    view.on(new RunEvent.ProbeSampled(at(15), "guard", "error rate", ProbeOutcome.TRUE, null,
        "0.2% < 5%", null, null));
    view.on(new RunEvent.Log(at(15), "step", "hold", null, null, "halfway"));
    view.close();
    String shown = text.toString();
    assertThat(shown).contains("03:00:00 +0s step \"hold\" started",
        "> steps | step \"hold\" | +15s", "  wait 1m | 45s left",
        "  guard \"error rate\": true  0.2% < 5%", "03:00:15 +15s log: halfway");
    // the block is redrawn in place: the cursor goes back up over it and clears below
    assertThat(shown).contains("\033[3F\033[J");
  }
}
