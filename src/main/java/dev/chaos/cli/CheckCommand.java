package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.diag.Diagnostic;
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

  /** What `chaos check` was asked to do: the options picocli (or {@link CheckFastPath}) parsed. */
  record Request(List<String> paths, OutputFormat format, Path output, boolean strict, String as,
      ColorMode color, boolean quiet, boolean verbose) {}

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    return run(context, new Request(parsed.matchedPositionalValue(0, List.of()),
        parsed.matchedOptionValue("--format", OutputFormat.TEXT),
        parsed.matchedOptionValue("--output", null), parsed.hasMatchedOption("--strict"),
        parsed.matchedOptionValue("--as", null),
        parsed.matchedOptionValue("--color", ColorMode.AUTO), parsed.hasMatchedOption("--quiet"),
        parsed.hasMatchedOption("--verbose")));
  }

  static int run(CliContext context, Request request) {
    String as = request.as();
    if (as != null && !as.equals("prod")) {
      throw new CommandFailure("`--as` takes only `prod`, not `" + as + "`");
    }
    boolean verbose = request.verbose();
    OutputFormat format = request.format();
    Path output = request.output();

    List<SourceFile> files = readInputs(request.paths(), output);
    CheckOptions options = new CheckOptions(as != null, request.strict());
    List<Diagnostic> diagnostics = new ArrayList<>();
    boolean errors = false;
    for (Diagnostic d : CheckRun.check(context, options, files, verbose)) {
      diagnostics.add(d);
      errors |= d.isError();
    }

    boolean quiet = request.quiet();
    boolean color = request.color()
        .enabled(output == null && context.stdoutIsTerminal(), context.env());
    String report = format == OutputFormat.TEXT && quiet && diagnostics.isEmpty() ? ""
        : format.renderer(color).render(diagnostics, files);
    context.write(output, report);
    boolean strict = request.strict();
    return errors || (strict && !diagnostics.isEmpty()) ? ExitCodes.FAILED : ExitCodes.OK;
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
