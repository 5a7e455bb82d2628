package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.DriverDocs;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsCommandTest {
  @TempDir
  Path dir;

  private final String expected = DriverDocs.render(DriverRegistry.load());

  @Test
  void printsTheGeneratedReference() {
    CliRunner.Result result = new CliRunner().run("docs");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(expected);
  }

  @Test
  void writesTheFileNamedByOutput() throws IOException {
    Path file = dir.resolve("docs/drivers.md");

    CliRunner.Result result = new CliRunner().run("docs", "--output", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(expected);
  }

  @Test
  void checkPassesWhenCurrentAndFailsWhenStaleOrMissing() throws IOException {
    Path file = dir.resolve("drivers.md");

    CliRunner.Result missing = new CliRunner().run("docs", "--check", "-o", file.toString());
    Files.writeString(file, expected);
    CliRunner.Result current = new CliRunner().run("docs", "--check", "-o", file.toString());
    Files.writeString(file, expected + "edited by hand\n");
    CliRunner.Result stale = new CliRunner().run("docs", "--check", "-o", file.toString());

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(current.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(stale.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(stale.err()).isEqualTo("error: `" + file + "` is stale; regenerate it with "
        + "`chaos docs --output " + file + "`\n");
    assertThat(Files.readString(file)).endsWith("edited by hand\n");
  }

  @Test
  void checkNeedsAFile() {
    CliRunner.Result result = new CliRunner().run("docs", "--check");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: `--check` needs `--output FILE`, the file to compare\n");
  }
}
