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
 * The contract's pod-failure example on a world where things go wrong: the error rate jumps to
 * 7% twenty seconds in, so its guard aborts the run in the middle of a wait; undo still runs.
 */
@Timeout(60)
class WorldFaultsTest {
  @TempDir
  Path dir;

  private Path world(String faults) throws Exception {
    String base;
    try (InputStream in = getClass().getResourceAsStream("/sandbox/default-world.yaml")) {
      base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("world.yaml");
    Files.writeString(file, base.replace("faults: []", "faults:\n" + faults));
    return file;
  }

  private static Path example(String name) {
    return dev.chaos.ContractExamples.path(name);
  }

  @Test
  void aGuardThatTripsAbortsTheRehearsalWithExit4() throws Exception {
    Path runbook = dir.resolve("slow.chaos");
    Files.writeString(runbook, Files.readString(example("pod-failure.chaos"))
        .replace("wait until k8s.pods(backend).ready == k8s.pods(backend).total every 2s within 30s",
            "wait 5m"));
    Path world = world("  - {series: \"chaos:slo:error_rate:1m\", value: 7%, from: t+20s}\n");
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", "--world", world.toString(),
        runbook.toString(), "--journal", dir.resolve("run/journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    assertThat(r.out()).contains("03:00:20 +20s step \"pods recreated within 30s\" aborted: "
        + "guard \"error rate under 5%\" tripped: `slo.error_rate() < 5%` is false (7% < 5%)",
        "undo: the rollback block", "\naborted: guard \"error rate under 5%\" tripped");
    String report = Files.readString(dir.resolve("run/report.md"));
    assertThat(report).contains("- **Aborted**: guard \"error rate under 5%\" tripped",
        "| guard \"error rate under 5%\" every 5s | tripped | 4 | 1 | 0 |");
  }

  @Test
  void monitoringDownIsAViolationToo() throws Exception {
    Path world = world("  - {down: prometheus, from: t+3s}\n");
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", "--world", world.toString(),
        example("redis-failover.chaos").toString(), "--journal",
        dir.resolve("run/journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    assertThat(r.out()).contains("guard \"no 5xx storm\" errored: ");
    String report = Files.readString(dir.resolve("run/report.md"));
    assertThat(report).contains("| guard \"no 5xx storm\" every 5s | tripped | 1 | 0 | 1 |");
  }
}
