package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosCommandTest {
  @Test
  void helpListsEveryExitCode() {
    CliRunner.Result result = new CliRunner().run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Exit codes:", "check", "docs")
        .containsPattern("\\n  0 +ok")
        .containsPattern("\\n  1 +`check` found errors")
        .containsPattern("\\n  2 +usage error")
        .containsPattern("\\n  3 +a precondition failed")
        .containsPattern("\\n  4 +aborted")
        .containsPattern("\\n  5 +an undo failed")
        .containsPattern("\\n  6 +not recovered")
        .containsPattern("\\n  130 +interrupted");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void versionFallsBackToDevOutsideAJar() {
    CliRunner.Result result = new CliRunner().run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("chaos dev\n".replace("\n", System.lineSeparator()));
  }

  @Test
  void noCommandPrintsUsageOnStderrAndFails() {
    CliRunner.Result result = new CliRunner().run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("Usage: chaos");
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    CliRunner.Result result = new CliRunner().run("chek");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).startsWith("error: unmatched argument at index 0: 'chek'")
        .contains("check").contains("see `chaos --help`").doesNotContain("Usage:");
  }

  @Test
  void unknownOptionIsOneLineAndAPointerToHelp() {
    CliRunner.Result result = new CliRunner().run("check", "--frmat", "json");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).startsWith("error: unknown option: '--frmat'")
        .contains("see `chaos check --help`").doesNotContain("Usage:").doesNotContain("\tat ");
  }

  @Test
  void badFormatValueIsAUsageError() {
    CliRunner.Result result = new CliRunner().run("check", "--format", "xml", ".");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).startsWith("error: invalid value for option '--format'");
  }
}
