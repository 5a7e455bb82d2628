package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.cli.ExitCodes;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunResult.UndoResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * `chaos recover` runs a step's own `undo` block: a runner is killed with SIGKILL while a step
 * that wrote a Redis key waits; the step's undo block (which deletes the key and writes a
 * receipt naming it) never ran. `chaos recover JOURNAL`, in a process of its own as an SRE runs
 * it, runs the block with the key's name as the run journaled it (the name holds the time of
 * the run: evaluated again it would name another key), exits 0, releases the lock, and ends the
 * journal with `run_finished`.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(900)
class RecoverUndoBlockLabTest {
  private static final String PREFIX = "chaos:faults:undo-block";

  @TempDir
  Path dir;

  @Test
  void recoverRunsTheUndoBlockOfAStepWhoseRunnerWasKilled() throws Exception {
    List<RunEvent> died;
    try (ChaosRun run = ChaosRun.start(dir, "recover-undo-block.chaos")) {
      run.awaitGate();
      run.signal("KILL");
      assertThat(run.awaitExit()).as(run.output()).isEqualTo(128 + 9);
      died = run.events();
    }
    RunEvent.UndoScope scope = died.stream().filter(RunEvent.UndoScope.class::isInstance)
        .map(RunEvent.UndoScope.class::cast).reduce((a, b) -> b).orElseThrow();
    String key = (String) scope.values().get("key");
    assertThat(key).startsWith(PREFIX + ":");
    HostAndPort master = Lab.redisMaster();
    try (Jedis redis = new Jedis(master.getHost(), master.getPort(), 10_000)) {
      redis.del(PREFIX + ":receipt");
      assertThat(redis.get(key)).as("the key the killed step wrote").isEqualTo("injected");
      assertThat(Lab.leaseExists("faults-undo-block")).as("the dead run's Lease").isTrue();

      Path journal = dir.resolve("journal.jsonl");
      Process recover = recover(journal);
      String output = output();
      assertThat(recover.exitValue()).as(output).isEqualTo(ExitCodes.OK);
      assertThat(output).contains("undo: the undo block of step \"write a key that the undo "
          + "block deletes\"", "recovered: 1 of 1 undos done");

      assertThat(redis.exists(key)).as("the key after recover").isFalse();
      assertThat(redis.get(PREFIX + ":receipt")).as("the block's receipt").isEqualTo(key);
      assertThat(Lab.leaseExists("faults-undo-block")).as("the Lease after recover").isFalse();

      List<RunEvent> events = JournalReader.read(journal).events();
      RunEvent last = events.get(events.size() - 1);
      assertThat(last).isInstanceOfSatisfying(RunEvent.RunFinished.class, f -> {
        assertThat(f.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(f.remaining()).isEmpty();
      });
      RunEvent.UndoRegistered block = events.stream()
          .filter(RunEvent.UndoRegistered.class::isInstance)
          .map(RunEvent.UndoRegistered.class::cast)
          .filter(u -> u.kind() == UndoResult.Kind.BLOCK).findFirst().orElseThrow();
      assertThat(events.subList(died.size(), events.size())).anySatisfy(e ->
          assertThat(e).isInstanceOfSatisfying(RunEvent.UndoFinished.class, f -> {
            assertThat(f.id()).isEqualTo(block.id());
            assertThat(f.ok()).isTrue();
          }));
    } finally {
      try (Jedis redis = new Jedis(master.getHost(), master.getPort(), 10_000)) {
        redis.del(PREFIX + ":receipt");
      }
    }
  }

  /**
   * The runbook changed after the run died: recover refuses (exit 2, the journal left as it
   * is); with `--force` it does not run the undo block from the changed file, says so and
   * exits 5, and the key stays for a human to delete.
   */
  @Test
  void anUndoBlockIsNeverRunFromAChangedRunbook() throws Exception {
    List<RunEvent> died;
    try (ChaosRun run = ChaosRun.start(dir, "recover-undo-block.chaos")) {
      run.awaitGate();
      run.signal("KILL");
      assertThat(run.awaitExit()).as(run.output()).isEqualTo(128 + 9);
      died = run.events();
    }
    String key = (String) died.stream().filter(RunEvent.UndoScope.class::isInstance)
        .map(RunEvent.UndoScope.class::cast).reduce((a, b) -> b).orElseThrow().values()
        .get("key");
    Path runbook = dir.resolve("recover-undo-block.chaos");
    Files.writeString(runbook, "// changed after the run\n",
        java.nio.file.StandardOpenOption.APPEND);
    Path journal = dir.resolve("journal.jsonl");
    byte[] before = Files.readAllBytes(journal);
    HostAndPort master = Lab.redisMaster();
    try (Jedis redis = new Jedis(master.getHost(), master.getPort(), 10_000)) {
      Process refused = recover(journal);
      assertThat(refused.exitValue()).as(output()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(output()).contains("changed since the run", "its undo blocks may not match");
      assertThat(Files.readAllBytes(journal)).isEqualTo(before);

      Process forced = recover(journal, "--force");
      assertThat(forced.exitValue()).as(output()).isEqualTo(ExitCodes.UNDO_FAILED);
      assertThat(output()).contains("the runbook changed since the run: the undo block of step "
          + "\"write a key that the undo block deletes\" is not run from the changed file: "
          + "undo the step by hand");
      assertThat(redis.get(key)).as("the key, left for a human").isEqualTo("injected");
      assertThat(redis.exists(PREFIX + ":receipt")).isFalse();
      assertThat(JournalReader.read(journal).events()).last()
          .isInstanceOf(RunEvent.RunFinished.class);
    } finally {
      try (Jedis redis = new Jedis(master.getHost(), master.getPort(), 10_000)) {
        redis.del(key);
      }
    }
  }

  private String output() throws java.io.IOException {
    return Files.readString(dir.resolve("recover.out"), StandardCharsets.UTF_8)
        + Files.readString(dir.resolve("recover.err"), StandardCharsets.UTF_8);
  }

  /** `chaos recover JOURNAL` in a JVM of its own; waits (bounded) until it ends. */
  private Process recover(Path journal, String... options) throws Exception {
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath,
        "dev.chaos.cli.Main", "recover", journal.toString()));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("recover.out").toFile())
        .redirectError(dir.resolve("recover.err").toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chaos recover did not end within 5 min");
    }
    return p;
  }
}
