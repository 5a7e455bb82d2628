package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.sandbox.NotifyWorld;
import dev.chaos.drivers.sandbox.SandboxBackend;
import dev.chaos.drivers.sandbox.SandboxBackendProvider;
import dev.chaos.spi.SandboxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incident response in a rehearsal, on the world's virtual clock: a guard's warning level
 * notifies without aborting and extends the observation; an abort escalates (on-call at once,
 * the team lead after 15 minutes) while undo keeps failing, and hands the rest over when the run
 * ends unresolved; an escalation stops once undo is done and recovery met; a failed recovery
 * stays escalated until it comes right. The conditions read the run's clock (`now() - start`),
 * so every time is exact.
 */
@Timeout(60)
class IncidentResponseTest {
  private static final String WORLD = """
      notify:
        contacts:
          oncall: {name: "On-call SRE"}
          lead: {name: "Engineering lead"}
          commander: {name: "Incident commander"}
        escalation:
          standard:
            - {after: 0s, notify: [oncall]}
            - {after: 15m, notify: [lead]}
            - {after: 30m, notify: [commander]}
          quiet:
            - {after: 5m, notify: [lead]}
      """;

  @TempDir
  Path dir;

  private record Rehearsal(RunResult result, List<RunEvent> events, NotifyWorld messages,
      Instant start) {
    <T extends RunEvent> List<T> events(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** When each message to {@code to} was sent, as time since the run started. */
    List<Duration> sentTo(String to) {
      return messages.sentTo(to).stream().map(m -> Duration.between(start, m.time())).toList();
    }
  }

  private Rehearsal rehearse(String world, String runbook, RunOptions options)
      throws Exception {
    Path file = dir.resolve("world.yaml");
    Files.writeString(file, world);
    try (SandboxBackend backend = (SandboxBackend) new SandboxBackendProvider()
        .open(new SandboxRequest(dir, Optional.of(file)))) {
      List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
      Instant start = backend.clock().now();
      RunResult result = new RunEngine(RunFixture.check(runbook), backend, options, events::add)
          .run();
      return new Rehearsal(result, List.copyOf(events), backend.world().notifications(), start);
    }
  }

  private Rehearsal rehearse(String runbook) throws Exception {
    return rehearse(WORLD, runbook, RunOptions.defaults().withUndo(1, Duration.ofSeconds(1)));
  }

  @Test
  void aWarningNotifiesTheOnCallOnceAndTheRunPassesAfterObservingLonger() throws Exception {
    Rehearsal r = rehearse("""
        runbook "degraded" {
          environment staging
          let start = now()
          guard "slow" every 5s extend 5m {
            warn when now() - start > 20s
            abort when now() - start > 1h
          }
          step "hold" { wait 1m }
          recovery within 1m every 10s { expect now() - start > 0s }
        }
        """);

    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    List<RunEvent.GuardWarning> warnings = r.events(RunEvent.GuardWarning.class);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).raised()).isTrue();
    assertThat(warnings.get(0).guard()).isEqualTo("slow");
    assertThat(warnings.get(0).message()).contains("warn level `now() - start > 20s` reached");
    assertThat(warnings.get(0).extend()).isEqualTo(Duration.ofMinutes(5));
    // raised once, at the first sample past 20s, not on every sample after it
    assertThat(r.sentTo("oncall")).containsExactly(Duration.ofSeconds(25));
    assertThat(r.messages().sentTo("oncall").get(0).text())
        .contains("degraded", "guard \"slow\"", "observing 5m longer after recovery");
    assertThat(r.sentTo("lead")).isEmpty();
    assertThat(r.events(RunEvent.EscalationStep.class)).isEmpty();
    // the observation went on 5m after recovery, sampling the recovery block
    assertThat(r.events(RunEvent.ProbeSampled.class).stream()
        .filter(s -> "extended".equals(s.moment()))).hasSize(30);
    assertThat(r.result().duration()).isGreaterThanOrEqualTo(Duration.ofMinutes(6));
    assertThat(r.result().records().get("guard_warnings")).isEqualTo("1 (first: guard \"slow\":"
        + " warn level `now() - start > 20s` reached (25s > 20s)); observed 5m longer after"
        + " recovery");
    assertThat(MarkdownReport.render(r.result())).contains("- guard_warnings: 1 (first:");
  }

  @Test
  void recoveryMustHoldThroughTheExtendedObservation() throws Exception {
    Rehearsal r = rehearse("""
        runbook "relapse" {
          environment staging
          let start = now()
          guard "slow" every 5s extend 5m { warn when now() - start > 20s }
          step "hold" { wait 1m }
          recovery within 1m every 10s { expect now() - start < 3m }
        }
        """);

    assertThat(r.result().outcome()).isEqualTo(Outcome.NOT_RECOVERED);
    assertThat(r.result().recovery().lastProblem())
        .startsWith("recovery did not hold through the extended observation (5m after a guard"
            + " warning)");
    // the relapse is escalated like any recovery not met: the on-call hears of it at once
    assertThat(r.sentTo("oncall")).contains(Duration.ofMinutes(3));
  }

  @Test
  void withoutAPolicyAWarningGoesToTheWebhook() throws Exception {
    Rehearsal r = rehearse("start: 2026-01-05T03:00:00Z\n", """
        runbook "degraded" {
          environment staging
          let start = now()
          guard "slow" every 5s { warn when now() - start > 20s }
          step "hold" { wait 1m }
        }
        """, RunOptions.defaults());

    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.sentTo(null)).containsExactly(Duration.ofSeconds(25));
  }

  @Test
  void anAbortTellsTheOnCallAtOnceAndTheLeadAfter15mWhileUndoKeepsFailing() throws Exception {
    Rehearsal r = rehearse("""
        runbook "stuck" {
          environment staging
          let start = now()
          observe elapsed = seconds(0.0) + (now() - start) every 30s
          guard "error rate" every 5s {
            warn when now() - start > 10s
            abort when now() - start > 30s
          }
          step "disrupt" {
            wait 5m
          } undo {
            wait 20m
            fail "the chaos object is stuck"
          }
        }
        """);

    assertThat(r.result().outcome()).isEqualTo(Outcome.UNDO_FAILED);
    Duration abortedAt = Duration.ofSeconds(35);
    // the warning at 15s, then the abort's escalation at once
    assertThat(r.sentTo("oncall")).containsExactly(Duration.ofSeconds(15), abortedAt);
    assertThat(r.messages().sentTo("oncall").get(1).text())
        .contains("guard \"error rate\" tripped", "level 1 of 3");
    assertThat(r.sentTo("lead")).containsExactly(abortedAt.plus(Duration.ofMinutes(15)));
    assertThat(r.messages().sentTo("lead").get(0).text()).contains("unresolved for 15m");
    // undo failed at +20m and the run ended: the level not reached yet is told then
    assertThat(r.sentTo("commander")).containsExactly(abortedAt.plus(Duration.ofMinutes(20)));
    assertThat(r.messages().sentTo("commander").get(0).text())
        .contains("handed over at the end of the run", "the run ended with undo failed");
    assertThat(r.events(RunEvent.EscalationStep.class)).extracting(RunEvent.EscalationStep::action)
        .containsExactly("started", "notified", "notified", "notified", "handed_over");
    // the report's figures say who was told when, and that it was handed over
    assertThat(r.result().records().get("escalation")).contains("standard: guard \"error rate\"",
        "told oncall at once, lead after 15m, commander after 20m",
        "handed over unresolved: the run ended with undo failed");
    assertThat(r.result().records().get("guard_warnings")).startsWith("1 (first: guard");
    // report.html marks the warning and every level told on the run's time axis
    String html = HtmlReport.render(r.result(), r.events(), 5, new dev.chaos.spi.Redactor());
    assertThat(html).contains("mark mark-warning", "mark mark-escalation",
        "escalation level 2: told lead");
  }

  @Test
  void theEscalationStopsOnceUndoIsDoneAndRecoveryMet() throws Exception {
    Rehearsal r = rehearse("""
        runbook "slow undo" {
          environment staging
          let start = now()
          guard "error rate" every 5s { abort when now() - start > 30s }
          step "disrupt" {
            wait 5m
          } undo {
            wait 10m
          }
          recovery within 10m every 30s { expect now() - start > 12m }
        }
        """);

    assertThat(r.result().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(r.sentTo("oncall")).hasSize(2);
    assertThat(r.sentTo("oncall").get(0)).isEqualTo(Duration.ofSeconds(35));
    assertThat(r.messages().sentTo("oncall").get(1).text()).contains("resolved after",
        "undo done, recovered in");
    assertThat(r.sentTo("lead")).isEmpty();
    assertThat(r.sentTo("commander")).isEmpty();
    assertThat(r.events(RunEvent.EscalationStep.class)).extracting(RunEvent.EscalationStep::action)
        .containsExactly("started", "notified", "resolved");
  }

  @Test
  void aFailedRecoveryStaysEscalatedUntilItComesRight() throws Exception {
    Rehearsal r = rehearse("""
        runbook "slow recovery" {
          environment staging
          escalation_policy "standard"
          let start = now()
          guard "error rate" every 5s { expect now() - start < 1h }
          step "disrupt" { wait 1m }
          recovery within 2m every 30s { expect now() - start > 20m }
        }
        """);

    assertThat(r.result().outcome()).isEqualTo(Outcome.NOT_RECOVERED);
    assertThat(r.sentTo("oncall").get(0)).isEqualTo(Duration.ofMinutes(3));
    assertThat(r.sentTo("lead")).containsExactly(Duration.ofMinutes(18),
        Duration.ofMinutes(20).plusSeconds(30));
    assertThat(r.sentTo("commander")).isEmpty();
    assertThat(r.messages().sentTo("lead").get(1).text()).contains("resolved");
    assertThat(r.result().problems()).anyMatch(p -> p.contains("after the recovery deadline"));
  }

  @Test
  void aRunbookNamesItsPolicyAndAnUnknownOneIsRefused() throws Exception {
    Rehearsal quiet = rehearse("""
        runbook "quiet" {
          environment staging
          escalation_policy "quiet"
          let start = now()
          guard "g" every 5s { abort when now() - start > 30s }
          step "disrupt" { wait 5m } undo { wait 10m }
        }
        """);
    assertThat(quiet.sentTo("oncall")).isEmpty();
    // told after 5m, and told again when undo was done (no recovery block: resolved then)
    assertThat(quiet.sentTo("lead")).containsExactly(Duration.ofSeconds(35).plusMinutes(5),
        Duration.ofSeconds(35).plusMinutes(10));

    Rehearsal unknown = rehearse("""
        runbook "unknown" {
          environment staging
          escalation_policy "nightly"
          step "disrupt" { wait 5m }
        }
        """);
    assertThat(unknown.result().outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(unknown.result().reason())
        .contains("no escalation policy `nightly`", "`standard`, `quiet`");
  }
}
