package dev.chaos.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every `chaos` command the CI files run names a subcommand and options the real command line
 * has: each is parsed by picocli's model of `chaos` (the one `Main` runs), which rejects an
 * unknown option, a missing value or an unknown subcommand.
 */
class CiCommandsExistTest {
  /** How many `chaos` commands each file runs: a file whose commands are no longer found fails. */
  private static final Map<Path, Integer> EXPECTED = Map.of(
      CiFiles.GITHUB_CHECK, 3,
      CiFiles.GITHUB_GAMEDAY, 1,
      CiFiles.GITLAB, 4);

  @Test
  void everyChaosCommandOfTheCiFilesParses() throws Exception {
    assertThat(CiFiles.yamlFiles()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    for (var expected : EXPECTED.entrySet()) {
      List<CiFiles.Command> commands = CiFiles.chaosCommands(expected.getKey());
      assertThat(commands).as(expected.getKey() + ": " + commands).hasSize(expected.getValue());
      for (CiFiles.Command command : commands) {
        ShellCommands.Invocation invocation = command.invocation();
        CommandLine.ParseResult parsed = parse(invocation.args());
        assertThat(parsed.subcommand()).as(invocation.toString()).isNotNull();
      }
    }
  }

  @Test
  void aMisspeltOptionIsCaught() {
    // the check above can fail: picocli refuses what chaos does not have
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(List.of("check", "--frmat", "sarif", "runbooks/")))
        .isInstanceOf(CommandLine.ParameterException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(List.of("exec", "--report", "r", "a.chaos")))
        .isInstanceOf(CommandLine.ParameterException.class);
    // option values are converted while parsing: a format chaos does not have is refused too
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(List.of("check", "--format", "codequality", "runbooks/")))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  private static CommandLine.ParseResult parse(List<String> args) {
    CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    return cli.parseArgs(args.toArray(String[]::new));
  }
}
