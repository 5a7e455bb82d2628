package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** `chaos check [PATH...]`: lint and type-check runbooks, report in one of five formats. */
final class CheckCommand implements Callable<Integer> {
  private final CliContext context;
  private CommandSpec spec;

  private CheckCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    CheckCommand command = new CheckCommand(context);
    CommandSpec spec = Specs.command("check", command,
        "Lint and type-check runbooks and modules, hermetically: no cluster, no network, no "
            + "environment variables.",
        "Directories are searched for `.chaos` files, skipping `target/` and hidden entries.");
    spec.addPositional(Specs.strings("PATH", "Files or directories (default: .)"));
    spec.addOption(Specs.option(OutputFormat.class, "FORMAT",
        "text (default), json, sarif, github or junit", "--format"));
    spec.addOption(Specs.option(Path.class, "FILE", "Write the report to FILE instead of stdout",
        "-o", "--output"));
    spec.addOption(Specs.flag("Warnings fail the check too", "--strict"));
    spec.addOption(Specs.option(String.class, "ENV",
        "`prod`: apply the production rules to every runbook, whatever its environment", "--as"));
    spec.addOption(Specs.option(ColorMode.class, "WHEN", "auto (default), always or never",
        "--color"));
    spec.addOption(Specs.flag("Print nothing when there is no problem", "-q", "--quiet"));
    spec.addOption(Specs.flag("Name each file as it is checked; show stack traces of internal "
        + "errors", "-v", "--verbose"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    String as = parsed.matchedOptionValue("--as", null);
    if (as != null && !as.equals("prod")) {
      throw new CommandFailure("`--as` takes only `prod`, not `" + as + "`");
    }
    boolean verbose = parsed.hasMatchedOption("--verbose");
    OutputFormat format = parsed.matchedOptionValue("--format", OutputFormat.TEXT);
    Path output = parsed.matchedOptionValue("--output", null);

    List<SourceFile> files = readInputs(parsed.matchedPositionalValue(0, List.of()), output);
    SourceChecker checker = context.checkers().apply(new CheckOptions(as != null,
        parsed.hasMatchedOption("--strict")));
    Diagnostics sink = new Diagnostics();
    for (SourceFile file : files) {
      if (verbose) {
        context.err().println("checking " + file.path());
      }
      checker.check(file, sink, failure -> {
        if (verbose) {
          failure.printStackTrace(context.err());
        }
      });
    }
    List<Diagnostic> diagnostics = sink.sorted();

    boolean quiet = parsed.hasMatchedOption("--quiet");
    boolean color = parsed.matchedOptionValue("--color", ColorMode.AUTO)
        .enabled(output == null && context.stdoutIsTerminal(), context.env());
    String report = format == OutputFormat.TEXT && quiet && diagnostics.isEmpty() ? ""
        : format.renderer(color).render(diagnostics, files);
    context.write(output, report);
    boolean strict = parsed.hasMatchedOption("--strict");
    return sink.hasErrors() || (strict && !diagnostics.isEmpty()) ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /**
   * Every file named, read; all problems with the input reported together before failing. The
   * report may not replace one of them.
   */
  private static List<SourceFile> readInputs(List<String> paths, Path output) {
    RunbookFinder finder = new RunbookFinder();
    for (String path : paths.isEmpty() ? List.of(".") : paths) {
      finder.add(path);
    }
    if (output != null) {
      OutputPaths.refuseInputs("--output", output,
          finder.files().stream().map(RunbookFinder.Found::path).toList());
    }
    List<String> problems = new ArrayList<>(finder.problems());
    List<SourceFile> files = new ArrayList<>();
    for (RunbookFinder.Found found : finder.files()) {
      try {
        files.add(SourceReader.read(found.path(), found.shown()));
      } catch (CommandFailure e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new CommandFailure(problems);
    }
    return files;
  }
}
