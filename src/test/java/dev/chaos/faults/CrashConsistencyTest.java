package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.cli.Cli;
import dev.chaos.cli.ExitCodes;
import dev.chaos.runtime.Outcome;
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

/**
 * SIGKILL at every journal boundary, as crash-consistency suites enumerate them: a runbook that
 * reads Prometheus and mutates Kubernetes (a PodChaos, a scaled deployment), Redis (a key, and
 * one that a step's own `undo` block deletes) and PostgreSQL (held connections) under a lock is first run to its end, which numbers its journal
 * events 1..N; then, for each n, a runner stops for good right after its nth event is durable
 * (`chaos.test.journal.pause-after`, docs/journal.md), is killed with SIGKILL there, and `chaos
 * recover` finishes it. After each: the world is as it was before, and the journal ends with one
 * `run_finished` that accounts for every undo registered.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Isolated
@Timeout(3600)
class CrashConsistencyTest {
  private static final String RUNBOOK = "crash-all-targets.chaos";

  @TempDir
  Path dir;

  /** What the runbook changes, read from the lab. */
  record World(boolean podChaos, int gatewayReplicas, int gatewayPods, boolean redisKey,
      boolean redisMarker, int heldConnections, boolean lease) {
    static World read() throws Exception {
      var master = Lab.redisMaster();
      return new World(Lab.podChaosExists("faults-crash"), Lab.replicas("graphql-gateway"),
          Lab.pods("graphql-gateway"), Lab.redisKeyExists(master, "chaos:faults:crash"),
          Lab.redisKeyExists(master, "chaos:faults:crash-marker"),
          Lab.pgConnections("chaos-crash"), Lab.leaseExists("faults-crash"));
    }
  }

  @Test
  void aRunnerKilledAtAnyJournalBoundaryIsFinishedByRecover() throws Exception {
    World before = World.read();
    assertThat(before.podChaos() || before.redisKey() || before.redisMarker() || before.lease())
        .as("left over: %s", before)
        .isFalse();

    List<RunEvent> reference;
    try (ChaosRun run = ChaosRun.start(dir.resolve("reference"), RUNBOOK)) {
      assertThat(run.awaitExit()).as(run.output()).isEqualTo(ExitCodes.OK);
      reference = run.events();
      Journals.completeAndUndone(reference, Outcome.PASSED, run.output());
    }
    awaitWorld(before, "after the reference run");
    System.out.printf("crash consistency: %d journal boundaries%n", reference.size());

    for (int n = 1; n <= reference.size(); n++) {
      RunEvent at = reference.get(n - 1);
      String boundary = "boundary " + n + " of " + reference.size() + " (after `"
          + at.type().jsonName() + "`)";
      Path runDir = dir.resolve("boundary-" + n);
      try (ChaosRun run = ChaosRun.start(runDir, RUNBOOK,
          List.of("-D" + "chaos.test.journal.pause-after=" + n))) {
        int events = n;
        run.awaitEvent(boundary, e -> run.events().size() >= events);
        run.signal("KILL");
        assertThat(run.awaitExit()).as("%s%n%s", boundary, run.output()).isEqualTo(137);
        List<RunEvent> killed = run.events();
        assertThat(killed).as("%s: the killed run's journal%n%s", boundary, run.output())
            .hasSize(n);
        assertThat(killed.get(n - 1).type()).as(boundary).isEqualTo(at.type());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out), new PrintWriter(err), false)
            .execute("recover", run.journal().toString());
        String recovered = boundary + "\n--- recover stdout\n" + out + "--- recover stderr\n"
            + err + run.output();
        assertThat(exit).as(recovered).isEqualTo(ExitCodes.OK);
        recoveredJournal(run.events(), recovered);
        awaitWorld(before, recovered);
      }
    }
  }

  /** Ends with one `run_finished`; every undo registered (not superseded) finished ok. */
  private static void recoveredJournal(List<RunEvent> events, String context) {
    assertThat(events.get(events.size() - 1)).as("last event%n%s", context)
        .isInstanceOf(RunEvent.RunFinished.class);
    assertThat(events.stream().filter(RunEvent.RunFinished.class::isInstance).count())
        .as("run_finished events%n%s", context).isEqualTo(1);
    RunEvent.RunFinished finished = (RunEvent.RunFinished) events.get(events.size() - 1);
    assertThat(finished.remaining()).as("remaining%n%s", context).isEmpty();
    for (RunEvent.UndoRegistered r : Journals.registered(events)) {
      assertThat(events).as("undo %d (%s) finished ok%n%s", r.id(), r.description(), context)
          .anyMatch(e -> e instanceof RunEvent.UndoFinished f && f.id() == r.id() && f.ok());
    }
  }

  /** Held connections close when the server notices; the lab's controller follows a scale. */
  private static void awaitWorld(World before, String context) {
    // a read of the lab may time out on a loaded machine: read again until the deadline
    await(context).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().untilAsserted(() -> assertThat(World.read()).as(context).isEqualTo(before));
  }
}
