package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causal sandbox says no: for each mechanism of the model (docs/sandbox.md, "Services",
 * "PostgreSQL", "Redis", "Regions"), a harmful runbook or world fails its rehearsal and a
 * harmless one passes, in the default world or a variant of it.
 */
@Timeout(120)
class CausalRehearsalTest {
  @TempDir
  Path dir;

  private static final String GUARDED = """
      observe error_rate = percent(prometheus.scalar("chaos:slo:error_rate:1m")) every 5s
      guard "error rate under 5%" every 5s {
        expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 5%
      }
      """;

  private String defaultWorld() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/sandbox/default-world.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Path world(String text) throws Exception {
    Path file = dir.resolve("world-" + Math.abs(text.hashCode()) + ".yaml");
    Files.writeString(file, text);
    return file;
  }

  private CliRunner.Result rehearse(String name, String body, Path world) throws Exception {
    Path runbook = dir.resolve(name + ".chaos");
    Files.writeString(runbook, """
        runbook "%s" {
          title "%s"
          objective "the causal sandbox says no"
          environment staging
          blast_radius 100%%
          max_duration 1h
          owner "platform-engineering"
        %s
          rollback {
            log "the world heals itself: pods come back, holds expire, faults end"
          }
        }
        """.formatted(name, name, body));
    return world == null
        ? new CliRunner().run("exec", "--sandbox", runbook.toString(), "--journal",
            dir.resolve(name + "/journal.jsonl").toString())
        : new CliRunner().run("exec", "--sandbox", "--world", world.toString(),
            runbook.toString(), "--journal", dir.resolve(name + "/journal.jsonl").toString());
  }

  // ---- services: a caller follows its dependencies -----------------------------------------

  @Test
  void killingEveryBackendPodTakesTheGatewayDownAndTheGuardAborts() throws Exception {
    CliRunner.Result r = rehearse("all-backend", GUARDED + """
          step "kill every backend pod" {
            k8s.kill_pods(k8s.selector("llm-marketplace", "tier=backend"), fraction: 100%)
            wait 10s
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    assertThat(r.out()).contains("guard \"error rate under 5%\" tripped", "(100% < 5%)");
  }

  @Test
  void theGatewayHealthAnswersItsDownStatusWhileTheBackendIsGone() throws Exception {
    CliRunner.Result r = rehearse("health-down", """
          step "kill every backend pod" {
            k8s.kill_pods(k8s.selector("llm-marketplace", "tier=backend"), fraction: 100%)
            expect http.get("http://graphql-gateway:4000/health", timeout: 2s).status == 200
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("(503 == 200)");
  }

  @Test
  void killingOneOfFiveBackendPodsIsHarmless() throws Exception {
    CliRunner.Result r = rehearse("one-backend", GUARDED + """
          step "kill one backend pod" {
            k8s.kill_pods(k8s.selector("llm-marketplace", "tier=backend"), count: 1)
            wait 10s
            expect http.get("http://graphql-gateway:4000/health", timeout: 2s).status == 200
          }
          verify "no user-facing errors" throughout {
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1%
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  // ---- PostgreSQL: held connections take the applications' slots ---------------------------

  @Test
  void holdingEverySlotStarvesTheApplications() throws Exception {
    CliRunner.Result r = rehearse("hold-100", GUARDED + """
          step "hold as many connections as max_connections" {
            postgres.hold_connections(100, application: "chaos", hold: 2m)
            wait 1m
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    assertThat(r.out()).contains("guard \"error rate under 5%\" tripped");
  }

  @Test
  void holdingWhatTheApplicationsDoNotNeedIsHarmless() throws Exception {
    CliRunner.Result r = rehearse("hold-80", GUARDED + """
          step "hold 79 of the 82 free: the superusers' 3 are left, and the applications' 18" {
            postgres.hold_connections(79, application: "chaos", hold: 1m)
            wait 1m
          }
          verify "graceful" throughout {
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1%
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  // ---- the gateway's retries and circuit breaker on its reads from PostgreSQL -------------

  /** Every slot open to applications held for a minute, then the breaker's verdicts. */
  private static final String EXHAUSTED = """
          step "hold every slot open to applications" {
            postgres.hold_connections(97, application: "chaos", hold: 1m)
            wait 10s
            record breaker = prometheus.scalar("chaos:app:circuit_breaker_open")
            record retries = prometheus.scalar("chaos:app:db_retries:rate1m")
            let answer = http.get("http://graphql-gateway.llm-marketplace:4000/items/1", timeout: 5s)
            log "answer ${answer.status} in ${answer.latency}: ${answer.body}"
          }
        """;

  private static final String FAILS_FAST = """
          guard "a cascade: more than the reads that miss the cache fail" every 5s {
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 25%
          }
          guard "requests queue" every 5s {
            expect seconds(prometheus.scalar("chaos:slo:latency:p95:1m")) < 2s
          }
        """;

  @Test
  void anExhaustedDatabaseOpensTheBreakerWhichFailsTheMissesFastAndClosesOnceReleased()
      throws Exception {
    CliRunner.Result r = rehearse("breaker", FAILS_FAST + EXHAUSTED + """
          step "the hold runs out" {
            wait 50s
          }
          recovery within 30s every 1s {
            expect prometheus.scalar("chaos:app:circuit_breaker_open") == 0.0
            expect prometheus.scalar("chaos:app:db_retries:rate1m") == 0.0
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 0.1%
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("record breaker = 1.0", "log: answer 200 in ");
    assertThat(r.out()).containsPattern("record retries = (0\\.[1-9]|[1-9])");
    // the breaker closes by its trial 5s (open_for) after the database answers again
    assertThat(r.out()).containsPattern("recovered in (4\\.9[0-9]*|5)s");
  }

  @Test
  void aReadThatNeedsAnExhaustedDatabaseGetsAFast503ThatSaysWhy() throws Exception {
    // a cold cache: most reads need the database, so the gateway's answer is the breaker's
    Path cold = world(defaultWorld().replace("hit_ratio: 80%", "hit_ratio: 30%"));
    CliRunner.Result r = rehearse("breaker-503", EXHAUSTED, cold);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("log: answer 503 in [0-9]+ms: "
        + "\\{\"error\":\"database unavailable \\(circuit open\\), retry later\"}");
  }

  @Test
  void anExhaustedDatabaseWithoutABreakerQueuesTheRequests() throws Exception {
    Path noBreaker = world(defaultWorld().replaceAll(", circuit_breaker: \\{[^}]*}", ""));
    CliRunner.Result r = rehearse("no-breaker", FAILS_FAST + EXHAUSTED, noBreaker);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    // each read that misses the cache waits the pool's 1s three times
    assertThat(r.out()).contains("guard \"requests queue\" tripped", "(3.172s < 2s)");
  }

  // ---- Redis: a master that is down, Sentinel, REPLICAOF NO ONE ------------------------------

  private static final String MASTER_LOST = """
          let old = redis.master("mymaster")
          step "lose the master" {
            wait until redis.master("mymaster") != old every 1s within 30s
          }
          verify "no 5xx" throughout {
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1%
          }
        """;

  private Path masterDown(String world) throws Exception {
    return world(world.replace("faults: []",
        "faults:\n  - {down: redis-master, from: 5s, until: 5m}\n"));
  }

  @Test
  void aLostMasterFallsBackToPostgresAndSentinelPromotes() throws Exception {
    CliRunner.Result r = rehearse("master-lost", GUARDED + MASTER_LOST,
        masterDown(defaultWorld()));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void killingTheMastersPodIsACacheOutageTheGatewaySurvives() throws Exception {
    CliRunner.Result r = rehearse("master-pod", GUARDED + """
          let old = redis.master("mymaster")
          step "kill the master's pod" {
            k8s.kill_pods(k8s.selector("llm-marketplace", "statefulset.kubernetes.io/pod-name=redis-master-0"), count: 1)
            wait until redis.master("mymaster") != old every 1s within 30s
            expect redis.get("session:count") == "1842"
          }
          verify "no 5xx" throughout {
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1%
          }
        """, null);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void aLostMasterWithoutAFallbackIsAn5xxStorm() throws Exception {
    String noFallback = defaultWorld().replaceAll(
        "\\{service: redis, timeout: 250ms, fallback: .*}",
        "{service: redis, timeout: 250ms}");
    assertThat(noFallback).doesNotContain("fallback: {");
    CliRunner.Result r = rehearse("no-fallback", GUARDED + MASTER_LOST, masterDown(noFallback));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
  }

  @Test
  void aSentinelTooSlowFailsTheThirtySecondCheck() throws Exception {
    String slow = defaultWorld().replace("failover_time: 8s", "failover_time: 45s");
    CliRunner.Result r = rehearse("slow-sentinel", GUARDED + MASTER_LOST, masterDown(slow));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("did not hold within 30s");
  }

  @Test
  void replicaofNoOnePromotesAtOnce() throws Exception {
    CliRunner.Result r = rehearse("replicaof", """
          let old = redis.master("mymaster")
          step "lose the master, promote by hand" {
            redis.replicaof_no_one("redis-replica-0.redis.llm-marketplace.svc.cluster.local:6379")
            expect redis.master("mymaster") != old
            redis.set("chaos:probe", "ok")
            expect redis.get("chaos:probe") == "ok"
            redis.del("chaos:probe")
          }
        """, world(defaultWorld().replace("failover_time: 8s", "failover_time: 10m")
            .replace("faults: []",
                "faults:\n  - {down: redis-master, from: 0s, until: 5m}\n")));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  // ---- regions: traffic moves only where the runbook moves it --------------------------------

  private static final String DRAIN_PRIMARY = """
          let workflow = \"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: disaster-recovery-workflow-
              namespace: chaos-testing
            spec:
              entrypoint: region-failure
            \"""
        """;

  /** The seed's drain lasts 15 minutes (TOTAL_CHAOS_DURATION 900); the default world's 3m. */
  private Path longDrain() throws Exception {
    return world(defaultWorld().replace("duration: 3m ", "duration: 20m "));
  }

  @Test
  void drainingThePrimaryWithoutFailingOverNeverRecovers() throws Exception {
    CliRunner.Result r = rehearse("no-failover", DRAIN_PRIMARY + """
          step "fail the primary region" {
            argo.submit(workflow)
            wait until percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1% every 10s within 15m
          }
        """, longDrain());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("did not hold within 15m");
  }

  @Test
  void switchingTheRecordWithoutPromotingTheStandbyLeavesUsersFailing() throws Exception {
    Path world = world(defaultWorld().replace("duration: 3m ", "duration: 20m ").replace(
        "  ./scripts/failback-to-primary.sh:",
        "  ./scripts/dns-only.sh: {traffic: backup, scale: [{cluster: backup-region,"
            + " deployment: graphql-gateway, replicas: 3}, {cluster: backup-region,"
            + " deployment: backend, replicas: 5}]}\n  ./scripts/failback-to-primary.sh:"));
    CliRunner.Result r = rehearse("dns-only", DRAIN_PRIMARY + """
          step "fail the primary region, move the record, forget the database" {
            expect http.get("https://backup-region.llm-marketplace.example/health", timeout: 5s).status == 200
            argo.submit(workflow)
            shell.run("./scripts/dns-only.sh")
            wait until percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1% every 10s within 15m
          }
        """, world);
    // the standby answers reads but refuses its 10% of writes: users keep failing
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("did not hold within 15m");
  }

  @Test
  void failingOverMovesTheTrafficAndTheRtoAndRpoComeOutOfTheModel() throws Exception {
    CliRunner.Result r = rehearse("failover", DRAIN_PRIMARY + """
          step "fail the primary region and fail over" {
            let failed = now()
            argo.submit(workflow)
            wait 30s
            expect percent(prometheus.scalar("chaos:slo:error_rate:1m")) > 99%
            expect k8s.pods(k8s.selector("llm-marketplace", "app=graphql-gateway")).ready == 0
            expect http.get("https://llm-marketplace.example/health", timeout: 5s).status == 503
            let last = prometheus.scalar("pg_last_replayed_write_timestamp_seconds")
            record lag_at_failover = seconds(prometheus.scalar("pg_replication_lag_seconds"))
            shell.run("./scripts/failover-to-backup.sh")
            wait until percent(prometheus.scalar("chaos:slo:error_rate:1m")) < 1% every 10s within 15m
            record rto = now() - failed
            expect matches(http.get("https://llm-marketplace.example/health", timeout: 5s).body, "backup")
            expect now() - failed > 1m
            expect prometheus.scalar("pg_last_replayed_write_timestamp_seconds") == last
          }
        """, longDrain());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    // the lag grew from the series' 40ms by the 30s (and the 30ms health check) since the
    // failure; the RTO is those 30.03s, then the 60s the DNS record takes to move every client
    // (the backup scaled meanwhile)
    assertThat(r.out()).contains("record lag_at_failover = 30.07s",
        "record rto = 1m30.03s");
  }
}
