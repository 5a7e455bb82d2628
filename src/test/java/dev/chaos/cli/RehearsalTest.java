package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's examples and the repository's runbooks rehearse with `chaos exec --sandbox` on
 * the real sandbox backend: each passes, its journal parses line by line, and its Markdown
 * report has every section of the seed's "Analysis Report Template".
 */
@Timeout(60)
class RehearsalTest {
  private static final List<String> TEMPLATE_SECTIONS = List.of("# Chaos Experiment Report",
      "## Experiment Details", "- **Date/Time**:", "- **Scenario**:", "- **Duration**:",
      "- **Blast Radius**:", "- **Environment**:", "## Hypothesis", "## Observations",
      "### System Behavior", "### Failures Detected", "### Successes",
      "## Improvement Actions", "## Metrics", "- **RTO (Recovery Time Objective)**:",
      "- **RPO (Recovery Point Objective)**:", "- **MTTR (Mean Time To Recovery)**:",
      "- **Blast Radius Actual**:", "## Conclusion");

  /** The runbooks of runbooks/ and the contract's examples, every one a rehearsal. */
  static Stream<Path> runbooks() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"));
    return Stream.of(root.resolve("runbooks"), dev.chaos.ContractExamples.dir())
        .flatMap(dir -> {
          try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".chaos")).sorted().toList().stream();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** Every runbook of runbooks/ and of the contract passes in the default world. */
  static Stream<Path> passingRunbooks() throws IOException {
    return runbooks();
  }

  @ParameterizedTest
  @MethodSource("passingRunbooks")
  void rehearsesInTheSandbox(Path runbook, @TempDir Path dir) throws IOException {
    Path journal = dir.resolve("journal.jsonl");
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", runbook.toString(),
        "--journal", journal.toString(), "--junit", dir.resolve("junit.xml").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonMapper json = JsonMapper.builder().build();
    List<String> lines = Files.readAllLines(journal);
    for (String line : lines) {
      assertThat(json.readTree(line).get("event").asString()).isNotEmpty();
    }
    assertThat(lines.get(lines.size() - 1)).contains("\"outcome\":\"passed\"");
    assertThat(Files.readString(dir.resolve("report.md"))).contains(TEMPLATE_SECTIONS);
    assertThat(json.readTree(Files.readString(dir.resolve("report.json"))).get("outcome")
        .asString()).isEqualTo("passed");
    assertThat(dir.resolve("junit.xml")).exists();
  }

  /**
   * recover-cache with its flush (`CHAOS_FLUSH_CACHE=true`): the emptied cache is refilled by the
   * gateway's reads through it, so the warm-up it waits for happens.
   */
  @Test
  void recoverCacheFlushesAndTheCacheWarmsUpAgain(@TempDir Path dir) throws IOException {
    Path world = dir.resolve("flush-world.yaml");
    Files.writeString(world, new String(RehearsalTest.class
        .getResourceAsStream("/sandbox/default-world.yaml").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8) + "\nenv:\n  CHAOS_FLUSH_CACHE: \"true\"\n");
    Path journal = dir.resolve("journal.jsonl");
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox",
        Path.of(System.getProperty("user.dir"), "runbooks", "recover-cache.chaos").toString(),
        "--world", world.toString(), "--journal", journal.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("call redis.flushall()", "log: cache warmed: 2 keys");
  }

  @Test
  void theReportSaysHowMuchOfTheTargetsWasHit(@TempDir Path dir) throws IOException {
    Path runbook = dev.chaos.ContractExamples.path("pod-failure.chaos");
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", runbook.toString(),
        "--journal", dir.resolve("journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    // the default world has 5 backend pods; 30% rounds up to 2, above the 30% cap, so 1 is killed
    assertThat(Files.readString(dir.resolve("report.md"))).contains(
        "- **Blast Radius Actual**: 1 of 5 pods labelled `tier=backend` in namespace"
            + " llm-marketplace (20%)");
  }
}
