package dev.chaos.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** `chaos` itself: the version, the help with the exit codes, and the subcommands. */
final class ChaosCommand implements Callable<Integer> {
  private CommandSpec spec;

  static CommandSpec spec() {
    ChaosCommand command = new ChaosCommand();
    command.spec = Specs.command("chaos", command,
        "Chaos-engineering runbooks as code: check them, rehearse them, run them.");
    command.spec.versionProvider(new ProjectInfo());
    command.spec.usageMessage().synopsisSubcommandLabel("COMMAND")
        .exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
    command.spec.addOption(Specs.help());
    command.spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print the version and exit").build());
    return command.spec;
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("" + ExitCodes.OK, "ok; `check` found no problem");
    codes.put("" + ExitCodes.FAILED,
        "`check` found errors (or warnings, with --strict); a run failed");
    codes.put("" + ExitCodes.INVALID_INPUT,
        "usage error, or input missing or unreadable (binary, not UTF-8)");
    codes.put("" + ExitCodes.PRECONDITION_FAILED, "a precondition failed; nothing was changed");
    codes.put("" + ExitCodes.ABORTED, "aborted by a guard or max_duration; undo done");
    codes.put("" + ExitCodes.UNDO_FAILED, "an undo failed; the world may still be disrupted");
    codes.put("" + ExitCodes.NOT_RECOVERED, "not recovered within the deadline");
    codes.put("" + ExitCodes.INTERRUPTED, "interrupted (Ctrl-C, SIGTERM); undo done");
    return codes;
  }

  /** `chaos` alone: the usage, on stderr since nothing was asked for. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.INVALID_INPUT;
  }
}
