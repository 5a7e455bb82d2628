package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The contract's three examples, unchanged, run for real against the lab (`scripts/lab up`):
 * `chaos exec --config target/lab/chaos.yaml FILE`, with the drivers found on the class path.
 * One after the other: they share the lock `llm-marketplace`, a Lease in the lab's API.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(600)
class LabExamplesTest {
  private static final Path EXAMPLES = dev.chaos.ContractExamples.dir();

  @TempDir
  Path dir;

  private CliRunner.Result exec(String example) {
    return new CliRunner().run("exec", "--config", System.getenv("LAB_CHAOS_CONFIG"),
        "--journal", dir.resolve(example + "/journal.jsonl").toString(),
        EXAMPLES.resolve(example + ".chaos").toString());
  }

  /**
   * Sentinel promotes only a replica that is linked to the master: an earlier test's failover
   * may still be settling, so wait (bounded) for the lab to be whole, as an SRE would.
   */
  private static void awaitAnOnlineReplica() throws Exception {
    String sentinel = System.getenv("LAB_REDIS_SENTINELS").split(",")[0].strip();
    HostAndPort at = HostAndPort.from(sentinel);
    Instant giveUp = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(giveUp)) {
      try (Jedis s = new Jedis(at.getHost(), at.getPort(), 2000)) {
        List<String> master = s.sentinelGetMasterAddrByName(System.getenv("LAB_REDIS_MASTER"));
        try (Jedis m = new Jedis(master.get(0), Integer.parseInt(master.get(1)), 2000)) {
          if (m.info("replication").contains("state=online")) {
            return;
          }
        }
      } catch (RuntimeException notYet) {
        // a node restarting its role: try again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no Redis replica came online within 60s");
  }

  private String report(String example) throws Exception {
    return Files.readString(dir.resolve(example + "/report.md"));
  }

  @Test
  void podFailureKillsOnePodWithinTheBlastRadiusAndTheDeploymentHeals() throws Exception {
    CliRunner.Result r = exec("pod-failure");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("call k8s.kill_pods(", "step \"pods recreated within 30s\" "
        + "passed", "\npassed\n");
    assertThat(report("pod-failure")).contains("1 of 5 pods", "tier=backend",
        "guard \"gateway answers\" every 1s | held");
  }

  @Test
  void redisFailoverMovesTheMasterThroughSentinel() throws Exception {
    awaitAnOnlineReplica();
    CliRunner.Result r = exec("redis-failover");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("call redis.failover(name: mymaster)", "record failover_time = ",
        "\npassed\n");
  }

  @Test
  void dbConnectionExhaustionHoldsRealConnectionsAndReleasesThem() throws Exception {
    CliRunner.Result r = exec("db-connection-exhaustion");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("call postgres.hold_connections(count: 80, application: chaos",
        "undo: close the connections held by application `chaos`", "\npassed\n");
    assertThat(report("db-connection-exhaustion")).contains("active_connections");
  }
}
