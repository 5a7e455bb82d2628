package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.cli.Cli;
import dev.chaos.cli.ExitCodes;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.ProbeOutcome;
import dev.chaos.runtime.RunEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import redis.clients.jedis.HostAndPort;

/**
 * Fault injection of the runner against the lab: a component of the lab stops (`scripts/lab
 * stop`) while `chaos exec` runs; the run must end as documented, undo what it did (or say
 * exactly what remains), and leave a complete journal. Each test starts again what it stopped,
 * in a finally, so the lab is left as it was found. {@link Isolated}: nothing else may use the
 * lab while a component of it is down.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Isolated
@Timeout(900)
class RunnerFaultsTest {
  @TempDir
  Path dir;

  /** Prometheus stops mid-run: the guard that reads it answers `error`, the run aborts, undo runs. */
  @Test
  void prometheusStoppedMidRunAbortsTheRunAndUndoes() throws Exception {
    // an object left by an earlier run would be updated, and its undo would restore it
    assertThat(Lab.podChaosExists("faults-prometheus-stopped")).as("left over").isFalse();
    try (ChaosRun run = ChaosRun.start(dir, "prometheus-stopped.chaos")) {
      try {
        run.awaitGate();
        run.awaitEvent("a guard sample that held", e -> e instanceof RunEvent.ProbeSampled s
            && s.kind().equals("guard") && s.outcome() == ProbeOutcome.TRUE);
        assertThat(Lab.podChaosExists("faults-prometheus-stopped")).isTrue();
        Lab.stop("prometheus");
        int exit = run.awaitExit();
        assertThat(exit).as(run.output()).isEqualTo(ExitCodes.ABORTED);
      } finally {
        Lab.start("prometheus");
      }
      List<RunEvent> events = run.events();
      assertThat(events).as(run.output()).anySatisfy(e -> {
        assertThat(e).isInstanceOf(RunEvent.ProbeSampled.class);
        RunEvent.ProbeSampled s = (RunEvent.ProbeSampled) e;
        assertThat(s.kind()).isEqualTo("guard");
        assertThat(s.outcome()).isEqualTo(ProbeOutcome.ERROR);
      });
      assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.Abort.class));
      RunEvent.RunFinished finished = Journals.completeAndUndone(events, Outcome.ABORTED,
          run.output());
      assertThat(finished.reason()).contains("guard \"prometheus answers\"");
      assertThat(Lab.podChaosExists("faults-prometheus-stopped")).isFalse();
      assertThat(Lab.leaseExists("faults-prometheus")).isFalse();
      assertThat(Lab.redisKeyExists(Lab.redisMaster(), "chaos:faults:prometheus")).isFalse();
    }
  }

  /**
   * The Redis master stops while a step runs: Sentinel promotes the replica, the step sees it,
   * and the automatic inverse of `redis.set` deletes the key on the new master. The stopped
   * node comes back as a replica of the new master.
   */
  @Test
  void redisMasterStoppedMidStepIsUndoneOnTheNewMaster() throws Exception {
    Lab.awaitOnlineRedisReplica();
    HostAndPort master = Lab.redisMaster();
    String node = Lab.redisNodeName(master.getPort());
    try (ChaosRun run = ChaosRun.start(dir, "redis-master-stopped.chaos")) {
      try {
        run.awaitEvent("the step waits for the master to move",
            e -> e instanceof RunEvent.WaitUntil w && w.condition().contains("redis.master"));
        // the key reached the replica that is about to be promoted: undo has something to do
        await("the key replicated").atMost(Duration.ofMinutes(2)).until(() ->
            Lab.redisKeyExists(Lab.redisOtherNode(master), "chaos:faults:redis"));
        Lab.stop(node);
        int exit = run.awaitExit();
        assertThat(exit).as(run.output()).isEqualTo(ExitCodes.OK);
      } finally {
        Lab.start(node);
      }
      Journals.completeAndUndone(run.events(), Outcome.PASSED, run.output());
      // the step saw the master move (its `wait until` passed); a loaded machine may see the
      // Sentinels fail over once more to the restarted node, so either node may be master now
      HostAndPort now = Lab.redisMaster();
      assertThat(now).isIn(master, Lab.redisOtherNode(master));
      assertThat(Lab.redisKeyExists(Lab.redisOtherNode(master), "chaos:faults:redis")).isFalse();
      assertThat(Lab.redisKeyExists(now, "chaos:faults:redis")).isFalse();
      await("the restarted node has the master's data").atMost(Duration.ofMinutes(2))
          .until(() -> !Lab.redisKeyExists(master, "chaos:faults:redis"));
    }
  }

  /**
   * PostgreSQL restarts while `postgres.hold_connections` holds (up to) ten connections: the restart
   * drops them; undo (closing them) still succeeds, and none is left on the new server.
   */
  @Test
  void postgresRestartedWhileConnectionsAreHeld() throws Exception {
    try (ChaosRun run = ChaosRun.start(dir, "postgres-restarted.chaos")) {
      run.awaitGate();
      assertThat(Lab.pgConnections("chaos-faults")).isPositive();
      try {
        Lab.stop("postgres-primary");
      } finally {
        Lab.start("postgres-primary");
      }
      run.openGate();
      int exit = run.awaitExit();
      assertThat(exit).as(run.output()).isEqualTo(ExitCodes.OK);
      List<RunEvent> events = run.events();
      Journals.completeAndUndone(events, Outcome.PASSED, run.output());
      assertThat(events).anySatisfy(e -> {
        assertThat(e).isInstanceOf(RunEvent.Recovery.class);
        assertThat(((RunEvent.Recovery) e).recovered()).isTrue();
      });
      assertThat(Lab.pgConnections("chaos-faults")).isZero();
      assertThat(Lab.leaseExists("faults-postgres")).isFalse();
    }
  }

  /**
   * The Kubernetes API is unreachable (frozen: `scripts/lab pause k8s`, so it keeps its objects)
   * while undo deletes a PodChaos: the delete is tried again (3 attempts, growing pauses), then
   * the run exits 5 and names what remains, in its output and in `run_finished.remaining`. Once
   * the API is back, `chaos recover` on the journal deletes the PodChaos, gives the lock back
   * and exits 0; the journal ends with the undo done.
   */
  @Test
  void kubernetesUnreachableDuringUndoExitsFiveThenRecoverFinishes() throws Exception {
    assertThat(Lab.podChaosExists("faults-k8s-unreachable")).as("left over").isFalse();
    try (ChaosRun run = ChaosRun.start(dir, "k8s-unreachable.chaos")) {
      List<RunEvent> events;
      try {
        run.awaitGate();
        assertThat(Lab.podChaosExists("faults-k8s-unreachable")).isTrue();
        Lab.pause("k8s");
        run.openGate();
        int exit = run.awaitExit();
        assertThat(exit).as(run.output()).isEqualTo(ExitCodes.UNDO_FAILED);
        events = run.events();
      } finally {
        Lab.resume("k8s");
      }
      RunEvent.RunFinished finished = Journals.complete(events, Outcome.UNDO_FAILED,
          run.output());
      String what = "delete podchaos/faults-k8s-unreachable in namespace chaos-testing";
      assertThat(finished.remaining()).as(run.output()).singleElement().asString()
          .containsIgnoringCase(what);
      assertThat(run.stdout()).containsIgnoringCase(what);
      List<RunEvent.UndoFinished> attempts = events.stream()
          .filter(RunEvent.UndoFinished.class::isInstance).map(RunEvent.UndoFinished.class::cast)
          .toList();
      assertThat(attempts).as(run.output()).hasSize(3).allSatisfy(a -> assertThat(a.ok()).isFalse());
      assertThat(attempts.get(0).retryIn()).isNotNull();
      assertThat(attempts.get(1).retryIn()).isNotNull();
      assertThat(attempts.get(2).retryIn()).isNull();
      assertThat(Lab.podChaosExists("faults-k8s-unreachable")).as("left behind").isTrue();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int recovered = Cli.create(new PrintWriter(out), new PrintWriter(err), false)
          .execute("recover", run.journal().toString());
      String context = "--- recover stdout\n" + out + "--- recover stderr\n" + err;
      assertThat(recovered).as(context).isEqualTo(ExitCodes.OK);
      assertThat(out.toString()).as(context).contains("recovered: 1 of 1 undos done");
      assertThat(Lab.podChaosExists("faults-k8s-unreachable")).as(context).isFalse();
      assertThat(Lab.leaseExists("faults-k8s")).as(context).isFalse();
      List<RunEvent> after = run.events();
      RunEvent.UndoRegistered undo = Journals.registered(after).get(0);
      assertThat(after).as(context).anyMatch(e -> e instanceof RunEvent.UndoFinished f
          && f.id() == undo.id() && f.ok());
      assertThat(after.get(after.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    }
  }
}
