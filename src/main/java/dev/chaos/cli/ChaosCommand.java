package dev.chaos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "chaos", mixinStandardHelpOptions = true, versionProvider = ProjectInfo.class,
    usageHelpAutoWidth = true,
    description = "Chaos-engineering runbooks as code: check them, rehearse them, run them.",
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        ExitCodes.OK + ":ok; `check` found no problem",
        ExitCodes.FAILED + ":`check` found errors (or warnings, with --strict); a run failed",
        ExitCodes.INVALID_INPUT + ":usage error, or input missing or unreadable (binary, not UTF-8)",
        ExitCodes.PRECONDITION_FAILED + ":a precondition failed; nothing was changed",
        ExitCodes.ABORTED + ":aborted by a guard or max_duration; undo done",
        ExitCodes.UNDO_FAILED + ":an undo failed; the world may still be disrupted",
        ExitCodes.NOT_RECOVERED + ":not recovered within the deadline",
        ExitCodes.INTERRUPTED + ":interrupted (Ctrl-C, SIGTERM); undo done"})
final class ChaosCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** `chaos` alone: the usage, on stderr since nothing was asked for. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.INVALID_INPUT;
  }
}
