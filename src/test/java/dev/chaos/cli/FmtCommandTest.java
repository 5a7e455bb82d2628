package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.DriverRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FmtCommandTest {
  private static final String UGLY = "runbook \"r\" {\nstep \"s\" {\nlog   1+2\n}\n}\n";
  private static final String PRETTY = "runbook \"r\" {\n  step \"s\" {\n    log 1 + 2\n  }\n}\n";
  private static final String BROKEN = "runbook \"r\" {\n  step \"s\" {\n    let = 1\n  }\n}\n";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void rewritesTheFilesThatChangeAndNamesThem() throws IOException {
    Path ugly = write("a/ugly.chaos", UGLY);
    Path pretty = write("a/pretty.chaos", PRETTY);
    CliRunner.Result r = new CliRunner().run("fmt", dir.resolve("a").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("ugly.chaos").doesNotContain("pretty.chaos");
    assertThat(Files.readString(ugly)).isEqualTo(PRETTY);
    assertThat(Files.readString(pretty)).isEqualTo(PRETTY);
    try (var left = Files.list(dir.resolve("a"))) {
      assertThat(left).as("no temporary file is left").hasSize(2);
    }
  }

  @Test
  void checkChangesNothingListsTheUnformattedFilesAndExitsOne() throws IOException {
    Path ugly = write("ugly.chaos", UGLY);
    write("pretty.chaos", PRETTY);
    CliRunner.Result r = new CliRunner().run("fmt", "--check", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains("ugly.chaos").doesNotContain("pretty.chaos");
    assertThat(Files.readString(ugly)).isEqualTo(UGLY);

    Files.writeString(ugly, PRETTY);
    CliRunner.Result clean = new CliRunner().run("fmt", "--check", dir.toString());
    assertThat(clean.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(clean.out()).isEmpty();
  }

  @Test
  void diffShowsWhatWouldChange() throws IOException {
    Path ugly = write("ugly.chaos", UGLY);
    CliRunner.Result r = new CliRunner().run("fmt", "--check", "--diff", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains("--- ").contains("+++ ").contains("@@ -1,5 +1,5 @@")
        .contains("-log   1+2\n").contains("+    log 1 + 2\n").contains(" runbook \"r\" {\n");
    assertThat(Files.readString(ugly)).isEqualTo(UGLY);
  }

  @Test
  void aFileWithSyntaxErrorsIsLeftAloneAndItsErrorsShownWithExitTwo() throws IOException {
    Path broken = write("broken.chaos", BROKEN);
    Path ugly = write("ugly.chaos", UGLY);
    CliRunner.Result r = new CliRunner().run("fmt", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("broken.chaos:3:").contains("CH0010").contains("not formatted");
    assertThat(Files.readString(broken)).isEqualTo(BROKEN);
    assertThat(Files.readString(ugly)).as("the other files are formatted").isEqualTo(PRETTY);
  }

  @Test
  void aMissingPathIsBadInput() {
    CliRunner.Result r = new CliRunner().run("fmt", dir.resolve("nope.chaos").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void dashFormatsStandardInputToStandardOutput() {
    assertThat(stdin(UGLY, "-")).isEqualTo(new Run(0, PRETTY, ""));
    assertThat(stdin(UGLY, "--check", "-").exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(stdin(PRETTY, "--check", "-").exit()).isEqualTo(ExitCodes.OK);
    Run broken = stdin(BROKEN, "-");
    assertThat(broken.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(broken.out()).isEmpty();
    assertThat(broken.err()).contains("<stdin>:3:");
  }

  private record Run(int exit, String out, String err) {}

  private static Run stdin(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = CliContext.of(new PrintWriter(out), new PrintWriter(err), Map.of(), false,
        DriverRegistry::load);
    CommandLine cli = new CommandLine(FmtCommand.spec(context,
        () -> new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(context.out()).setErr(context.err());
    int exit = cli.execute(args);
    context.out().flush();
    context.err().flush();
    return new Run(exit, out.toString(), err.toString());
  }
}
