package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-based selectors rehearse as they run live (they used to fail in the sandbox only), and a
 * selector or kind that only exists at run time is refused in the rehearsal with the words
 * `chaos check` uses for a constant.
 */
@Timeout(60)
class SelectorRehearsalTest {
  @Test
  void aSetBasedSelectorRehearses(@TempDir Path dir) throws IOException {
    Path runbook = write(dir, """
        runbook "sets" {
          environment staging
          let both = k8s.selector("llm-marketplace", "tier in (backend, frontend), app notin (db)")
          verify "all" { expect k8s.pods(both).total == 8 }
          verify "deployments" { expect k8s.count("deploy", namespace: "llm-marketplace",
            labels: "tier in (backend)") == 1 }
        }
        """);
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", runbook.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void aSelectorBuiltAtRunTimeIsRefusedWithTheCheckersWords(@TempDir Path dir)
      throws IOException {
    Path runbook = write(dir, """
        runbook "late" {
          environment staging
          let tier = "backend"
          verify "bad" { expect k8s.pods(k8s.selector("llm-marketplace", "tier in (${tier}")).total > 0 }
        }
        """);
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", runbook.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
    assertThat(r.out() + r.err()).contains("label selector `tier in (backend`, column 17:"
        + " expected a value, `,` or `)`, found the end of the selector");
  }

  @Test
  void aConstantOneIsRefusedByTheChecker(@TempDir Path dir) throws IOException {
    Path runbook = write(dir, """
        runbook "early" {
          environment staging
          verify "bad" { expect k8s.count("statefullset", namespace: "x") == 0 }
        }
        """);
    CliRunner.Result r = new CliRunner().run("check", runbook.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
    assertThat(r.out() + r.err()).contains("error[CH0308]: unknown kind `statefullset`: did you"
        + " mean `statefulset`?");
  }

  private static Path write(Path dir, String text) throws IOException {
    Path file = dir.resolve("runbook.chaos");
    Files.writeString(file, text);
    return file;
  }
}
