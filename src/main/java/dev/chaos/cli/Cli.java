package dev.chaos.cli;

import dev.chaos.spi.DriverRegistry;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the `chaos` command line; tests pass writers that capture what it prints. */
public final class Cli {
  private Cli() {}

  /** The real process: the drivers on the class path and the real checker. */
  public static CommandLine create(PrintWriter out, PrintWriter err, boolean stdoutIsTerminal) {
    return create(CliContext.of(out, err, System.getenv(), stdoutIsTerminal, DriverRegistry::load));
  }

  static CommandLine create(CliContext context) {
    CommandLine cli = new CommandLine(ChaosCommand.spec())
        .addSubcommand(new CommandLine(CheckCommand.spec(context)))
        .addSubcommand(new CommandLine(FmtCommand.spec(context)))
        .addSubcommand(new CommandLine(ExecCommand.spec(context)))
        .addSubcommand(new CommandLine(AnnounceCommand.spec(context)))
        .addSubcommand(new CommandLine(RecoverCommand.spec(context)))
        .addSubcommand(new CommandLine(AbortCommand.spec(context)))
        .addSubcommand(new CommandLine(DeployCommand.spec(context)))
        .addSubcommand(new CommandLine(ReportCommand.spec(context)))
        .addSubcommand(new CommandLine(RunsCommand.spec(context)))
        .addSubcommand(new CommandLine(DocsCommand.spec(context)))
        .addSubcommand(new CommandLine(LspCommand.spec(context)));
    return cli.setOut(context.out())
        .setErr(context.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(Cli::usageError)
        .setExecutionExceptionHandler(Cli::failure)
        .setExecutionStrategy(parsed -> {
          try {
            return new CommandLine.RunLast().execute(parsed);
          } finally {
            // the console masks secrets line by line: let out a last line without its newline
            context.out().flush();
            context.err().flush();
          }
        });
  }

  /** One line, a suggestion when picocli has one, and where to find the usage. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + lowercaseFirst(e.getMessage()));
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see `" + cmd.getCommandSpec().qualifiedName() + " --help`");
    return ExitCodes.INVALID_INPUT;
  }

  /** A {@link CommandFailure} as its lines; anything else as one line, or a trace with --verbose. */
  private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
    return failure(e, cmd.getErr(), cmd.getParseResult().hasMatchedOption("--verbose"));
  }

  /** As above, for {@link CheckFastPath}, which has no picocli objects. */
  static int failure(Exception e, PrintWriter err, boolean verbose) {
    if (e instanceof CommandFailure failure) {
      failure.problems().forEach(p -> err.println("error: " + p));
      return ExitCodes.INVALID_INPUT;
    }
    if (verbose) {
      err.println("error: internal error");
      e.printStackTrace(err);
    } else {
      err.println("error: internal error: " + e + " (rerun with --verbose for details)");
    }
    return ExitCodes.INVALID_INPUT;
  }

  private static String lowercaseFirst(String message) {
    return message.isEmpty() ? message
        : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
