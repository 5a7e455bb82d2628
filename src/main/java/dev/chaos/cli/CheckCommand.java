package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Lint and type-check runbooks and modules, hermetically: no cluster, no network, no "
            + "environment variables.",
        "Directories are searched for `.chaos` files, skipping `target/` and hidden entries."})
final class CheckCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories (default: .)")
  List<String> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif, "
      + "github or junit")
  OutputFormat format = OutputFormat.TEXT;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE "
      + "instead of stdout")
  Path output;

  @Option(names = "--strict", description = "Warnings fail the check too")
  boolean strict;

  @Option(names = "--as", paramLabel = "ENV", description = "`prod`: apply the production rules to "
      + "every runbook, whatever its environment")
  String as;

  @Option(names = "--color", paramLabel = "WHEN", description = "auto (default), always or never")
  ColorMode color = ColorMode.AUTO;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing when there is no problem")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Name each file as it is checked; show stack "
      + "traces of internal errors")
  boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
  boolean help;

  CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (as != null && !as.equals("prod")) {
      throw new CommandFailure("`--as` takes only `prod`, not `" + as + "`");
    }
    List<SourceFile> files = readInputs();
    RunbookChecker checker = context.checkers().apply(new CheckOptions(as != null));
    Diagnostics sink = new Diagnostics();
    for (SourceFile file : files) {
      if (verbose) {
        context.err().println("checking " + file.path());
      }
      checker.check(file, sink);
    }
    List<Diagnostic> diagnostics = sink.sorted();

    boolean toTerminal = output == null && context.stdoutIsTerminal();
    String report = format == OutputFormat.TEXT && quiet && diagnostics.isEmpty() ? ""
        : format.renderer(color.enabled(toTerminal, context.env())).render(diagnostics, files);
    context.write(output, report);
    boolean failed = sink.hasErrors() || (strict && !diagnostics.isEmpty());
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Every file named, read; all problems with the input reported together before failing. */
  private List<SourceFile> readInputs() {
    RunbookFinder finder = new RunbookFinder();
    for (String path : paths.isEmpty() ? List.of(".") : paths) {
      finder.add(path);
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
      throw new CommandFailure(problems, ExitCodes.INVALID_INPUT);
    }
    return files;
  }
}
