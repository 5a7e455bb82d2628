package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.RunEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The terminal view: lines scroll, and the status block below them is redrawn in place. */
class LiveViewTest {
  private static final Instant T0 = Instant.parse("2025-01-06T03:00:00Z");

  private static RunEvent event(int second, RunEvent.Type type, Map<String, Object> data) {
    return new RunEvent(T0.plusSeconds(second), type, data);
  }

  @Test
  void showsThePhaseTheStepTheWaitCountdownAndEachGuard() {
    StringWriter text = new StringWriter();
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    LiveView view = new LiveView(new PrintWriter(text), false, now::get, 80);
    view.on(event(0, RunEvent.Type.RUN_STARTED, Map.of("runbook", "r", "title", "R",
        "environment", "staging", "dry_run", false)));
    view.on(event(0, RunEvent.Type.PHASE, Map.of("phase", "steps")));
    view.on(event(0, RunEvent.Type.STEP_STARTED, Map.of("step", "hold")));
    view.on(event(0, RunEvent.Type.WAIT, Map.of("section", "step", "name", "hold",
        "duration", "1m", "until", T0.plusSeconds(60).toString())));
    now.set(T0.plusSeconds(15));
    view.on(event(15, RunEvent.Type.SAMPLE, Map.of("kind", "guard", "name", "error rate",
        "outcome", "true", "detail", "0.2% < 5%")));
    view.on(event(15, RunEvent.Type.LOG, Map.of("text", "halfway")));
    view.close();
    String shown = text.toString();
    assertThat(shown).contains("03:00:00 +0s step \"hold\" started",
        "> steps | step \"hold\" | +15s", "  wait 1m | 45s left",
        "  guard \"error rate\": true  0.2% < 5%", "03:00:15 +15s log: halfway");
    // the block is redrawn in place: the cursor goes back up over it and clears below
    assertThat(shown).contains("\033[3F\033[J");
  }
}
