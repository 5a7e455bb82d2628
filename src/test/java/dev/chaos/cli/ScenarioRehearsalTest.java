package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each scenario runbook of runbooks/ rehearsed in the default world, and in the variant worlds
 * of runbooks/worlds/ where its hypothesis does not hold, ends with the exit code and the
 * reason the seed would give: too slow to recover is 6, an error spike is 4 with the undo
 * done, a broken success criterion is 1, a system not ready for the experiment is 3 with
 * nothing changed.
 *
 *
 * <p>The worlds of runbooks/worlds/ are written by scripts/variant-worlds; where the causal
 * model can say why a hypothesis fails (a slow replacement, no headroom, no fallback, a slow
 * Sentinel, a backup region that cannot scale, a tight limit, small nodes, the gateway's
 * retries and circuit breaker), the variant changes the model, and only where it cannot
 * (requests in flight, a cache that does not rebuild) a level or a fault.
 */
@Timeout(120)
class ScenarioRehearsalTest {
  private static final Path RUNBOOKS = Path.of(System.getProperty("user.dir"), "runbooks");
  private static final Path WORLDS = RUNBOOKS.resolve("worlds");

  /** A rehearsal: the runbook, the world (null: the default one), its exit code and reason. */
  record Case(String runbook, String world, int exit, String reason) {
    @Override
    public String toString() {
      return runbook + " in " + (world == null ? "the default world" : world) + " -> " + exit;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("pod-failure", null, ExitCodes.OK, "passed"),
        new Case("pod-failure", "pod-failure-slow-recreate", ExitCodes.FAILED,
            "`k8s.pods(backend).ready == backend_pods` did not hold within 30s"),
        new Case("pod-failure", "pod-failure-error-spike", ExitCodes.ABORTED,
            "guard \"error rate under 5%\" tripped"),
        new Case("pod-failure", "pod-failure-no-headroom", ExitCodes.FAILED,
            "verify \"no user-facing errors\" (throughout) did not hold"),
        new Case("pod-failure", "pod-failure-not-recovered", ExitCodes.NOT_RECOVERED,
            "not recovered within 2m: `slo.error_rate() < 0.1%` is false"),

        new Case("db-connection-exhaustion", null, ExitCodes.OK, "passed"),
        new Case("db-connection-exhaustion", "db-connection-exhaustion-error-spike",
            ExitCodes.ABORTED,
            "guard \"errors bounded by the reads that need the database\" tripped"),
        new Case("db-connection-exhaustion", "db-connection-exhaustion-no-breaker",
            ExitCodes.FAILED,
            "the gateway's circuit breaker did not open while the database refused"),
        new Case("db-connection-exhaustion", "db-connection-exhaustion-no-retries",
            ExitCodes.FAILED, "the gateway made no connection retries"),
        new Case("db-connection-exhaustion", "db-connection-exhaustion-breaker-stuck",
            ExitCodes.NOT_RECOVERED,
            "not recovered within 2m: `not signals.circuit_breaker_open()`"),

        new Case("redis-failover", null, ExitCodes.OK, "passed"),
        new Case("redis-failover", "redis-failover-error-spike", ExitCodes.ABORTED,
            "guard \"no 5xx storm\" tripped"),
        new Case("redis-failover", "redis-failover-slow-promotion", ExitCodes.FAILED,
            "Sentinel did not promote a new master within 30s of the outage"),
        new Case("redis-failover", "redis-failover-cache-not-rebuilt", ExitCodes.FAILED,
            "`signals.cache_hit_ratio() >= hit_ratio_before - 10%` did not hold within 3m"),

        new Case("resource-stress", null, ExitCodes.OK, "passed"),
        new Case("resource-stress", "resource-stress-error-spike", ExitCodes.ABORTED,
            "guard \"error rate under 5%\" tripped"),
        new Case("resource-stress", "resource-stress-oom-crash-loop", ExitCodes.ABORTED,
            "guard \"error rate under 5%\" tripped: abort level `slo.error_rate() >= 5%` reached"
            + " (100%"),
        new Case("resource-stress", "resource-stress-small-nodes", ExitCodes.FAILED,
            "verify \"no pod evictions anywhere in the namespace\" was false"),
        new Case("resource-stress", "resource-stress-no-scale-down", ExitCodes.FAILED,
            "`gateway_replicas() <= hpa_before.current` did not hold within 7m"),
        new Case("resource-stress", "resource-stress-not-recovered", ExitCodes.NOT_RECOVERED,
            "not recovered within 5m: `slo.p95() < 500ms` is false"),

        new Case("network-latency", null, ExitCodes.OK, "passed"),
        new Case("network-latency", "network-latency-error-spike", ExitCodes.ABORTED,
            "guard \"error rate under 5%\" tripped"),
        new Case("network-latency", "network-latency-slow-recovery", ExitCodes.FAILED,
            "automatic recovery within 2 minutes\" failed"),

        new Case("region-failure", null, ExitCodes.OK, "passed"),
        new Case("region-failure", "region-failure-backup-not-ready",
            ExitCodes.PRECONDITION_FAILED, "backup region on standby"),
        new Case("region-failure", "region-failure-backup-cannot-scale", ExitCodes.FAILED,
            "`k8s.pods(backup).ready == k8s.pods(backup).total and"),
        new Case("region-failure", "region-failure-rpo-exceeded", ExitCodes.FAILED,
            "7m of writes were not replicated when the region failed, past the 5m RPO"),

        new Case("gateway-restart", null, ExitCodes.OK, "passed"),
        new Case("gateway-restart", "gateway-restart-error-spike", ExitCodes.ABORTED,
            "guard \"error rate under 1%\" tripped"));
  }

  private static CliRunner.Result rehearse(Path runbook, String world, Path dir) {
    List<String> args = new ArrayList<>(List.of("exec", "--sandbox", runbook.toString(),
        "--journal", dir.resolve("journal.jsonl").toString()));
    if (world != null) {
      args.add("--world");
      args.add(WORLDS.resolve(world + ".yaml").toString());
    }
    return new CliRunner().run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rehearsesToTheVerdictOfItsWorld(Case c, @TempDir Path dir) throws IOException {
    CliRunner.Result r = rehearse(RUNBOOKS.resolve(c.runbook() + ".chaos"), c.world(), dir);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(c.exit());
    assertThat(r.out()).contains(c.reason());
    List<String> journal = Files.readAllLines(dir.resolve("journal.jsonl"));
    String finished = journal.get(journal.size() - 1);
    assertThat(finished).contains("\"event\":\"run_finished\"");
    if (c.exit() == ExitCodes.PRECONDITION_FAILED) {
      assertThat(journal).noneMatch(line -> line.contains("\"event\":\"step_started\""));
    } else {
      // whatever the verdict, the undo ran and left nothing behind
      assertThat(r.out()).contains("-- undo");
      assertThat(finished).contains("\"remaining\":[]");
    }
  }

  @Test
  void everyVariantWorldIsRehearsed() throws IOException {
    Set<String> rehearsed = cases().map(Case::world).filter(w -> w != null)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> present;
    try (Stream<Path> files = Files.list(WORLDS)) {
      present = files.map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", ""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat((Iterable<String>) present).containsExactlyElementsOf(rehearsed);
  }

  @Test
  void everyScenarioHasAnErrorSpikeVariantAndADefaultRehearsal() {
    for (String scenario : List.of("pod-failure", "db-connection-exhaustion", "redis-failover",
        "resource-stress", "network-latency", "gateway-restart")) {
      assertThat(cases()).as(scenario).anyMatch(c -> c.runbook().equals(scenario)
          && c.exit() == ExitCodes.ABORTED);
      assertThat(cases()).as(scenario).anyMatch(c -> c.runbook().equals(scenario)
          && c.world() == null);
    }
  }

  @Test
  void theRegionFailoverRefusesProduction(@TempDir Path dir) throws IOException {
    // A copy switched to production, made to pass the production rules of `chaos check` (a
    // blast radius and a window): the checklist's environment item still refuses it before
    // anything changes.
    String text = Files.readString(RUNBOOKS.resolve("region-failure.chaos"))
        .replace("environment staging",
            "environment prod\n  blast_radius 30%\n  window 00:00 to 23:59 zone \"UTC\"");
    Path copy = dir.resolve("region-failure-prod.chaos");
    Files.writeString(copy, text);
    CliRunner.Result r = rehearse(copy, null, dir);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.PRECONDITION_FAILED);
    assertThat(r.out()).contains(
        "the seed allows a region failure only in a pre-production environment");
    assertThat(Files.readString(dir.resolve("journal.jsonl")))
        .doesNotContain("\"event\":\"step_started\"");
  }

  @Test
  void theRegionFailoverReportsTheRpoItMeasured(@TempDir Path dir) throws IOException {
    CliRunner.Result r = rehearse(RUNBOOKS.resolve("region-failure.chaos"),
        "region-failure-rpo-exceeded", dir);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("- **RPO (Recovery Point Objective)**: 7m (recorded as `rpo` by the runbook)");
  }

  @Test
  void everyScenarioRunsTheWholeChecklist() throws IOException {
    List<String> items = List.of("checklist.environment_allowed(runbook.environment",
        "checklist.services_healthy(", "checklist.no_critical_alerts()",
        "checklist.no_other_experiment()", "checklist.monitoring_operational()",
        "checklist.baseline_error_rate_ok()", "checklist.baseline_p95_ok()",
        "checklist.pods_ready(", "checklist.replication_ok()", "checklist.notify_on_call(");
    for (String scenario : List.of("pod-failure", "db-connection-exhaustion", "redis-failover",
        "resource-stress", "network-latency", "region-failure", "gateway-restart")) {
      String text = Files.readString(RUNBOOKS.resolve(scenario + ".chaos"));
      assertThat(text).as(scenario).contains("import \"checklist\"").contains(items);
    }
  }
}
