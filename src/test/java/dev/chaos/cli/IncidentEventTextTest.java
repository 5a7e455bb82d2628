package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console lines of guard warnings and escalation steps. */
class IncidentEventTextTest {
  private static final Instant T = Instant.parse("2025-01-06T03:00:00Z");
  private final EventText text = new EventText(false);

  @Test
  void aRaisedWarningIsShoutedAndAClearedOneSaid() {
    assertThat(text.line(new RunEvent.GuardWarning(T, "error rate", true,
        "warn level `slo.error_rate() > 1%` reached (2% > 1%)", Duration.ofMinutes(5))))
        .isEqualTo("WARNING: guard \"error rate\": warn level `slo.error_rate() > 1%` reached"
            + " (2% > 1%) (observing 5m longer after recovery)");
    assertThat(text.line(new RunEvent.GuardWarning(T, "error rate", false,
        "the warning level no longer holds", null)))
        .isEqualTo("guard \"error rate\": the warning level no longer holds");
  }

  @Test
  void eachEscalationStepHasItsLine() {
    assertThat(text.line(new RunEvent.EscalationStep(T, "standard", "started", 0, null, null,
        "guard \"g\" tripped", null))).isEqualTo("escalation `standard` started: guard \"g\" tripped");
    assertThat(text.line(new RunEvent.EscalationStep(T, "standard", "notified", 2,
        List.of("lead"), Duration.ofMinutes(15), "x", "lead: HTTP 500")))
        .isEqualTo("escalation level 2: told lead (not delivered: lead: HTTP 500)");
    assertThat(text.line(new RunEvent.EscalationStep(T, "standard", "resolved", 0,
        List.of("oncall"), Duration.ofMinutes(16), "undo done", null)))
        .isEqualTo("escalation resolved: undo done (told oncall)");
    assertThat(text.line(new RunEvent.EscalationStep(T, "standard", "handed_over", 3,
        List.of("oncall", "lead", "commander"), Duration.ofMinutes(20), "x", null)))
        .isEqualTo("escalation handed over, unresolved: told oncall, lead, commander");
  }
}
