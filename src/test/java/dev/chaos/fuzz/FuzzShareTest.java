package dev.chaos.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A share of the fuzzing campaign (bench/fuzz.sh runs 100,000 inputs and the time bounds):
 * a few thousand inputs from a fresh seed, printed so that a failure can be replayed with
 * `-Dchaos.fuzz.seed=SEED`.
 */
class FuzzShareTest {
  @Test
  void generatedAndMutatedInputsNeverCrashTheReaders() throws Exception {
    long seed = Long.getLong("chaos.fuzz.seed", new Random().nextLong());
    System.out.println("FuzzShareTest seed " + seed);
    FuzzCampaign.Report report = FuzzCampaign.fromRepository(Path.of(".")).run(3000, seed);
    System.out.println(report.summary());
    assertThat(report.findings()).as("seed " + seed + ": " + report.findings().stream()
        .map(f -> f.target() + " #" + f.index() + ": " + f.problem() + "\ninput:\n" + f.input())
        .findFirst().orElse("")).filteredOn(f -> !f.problem().startsWith("took ")).isEmpty();
  }
}
