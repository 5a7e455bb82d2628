package dev.chaos.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos report [DIR...]`: the run history. Reads the run folders under `chaos-runs/` (or the
 * folders given) and shows, per runbook, its runs, how often each outcome came, and how the
 * recovery time went from run to run. A folder that is not a run folder is named in a warning
 * and skipped.
 */
final class ReportCommand implements Callable<Integer> {
  /** `--format` of `chaos report`. */
  enum Format { TEXT, JSON, HTML }

  private final CliContext context;
  private CommandSpec spec;

  private ReportCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    ReportCommand command = new ReportCommand(context);
    CommandSpec spec = Specs.command("report", command,
        "The run history: per runbook, its runs (when, outcome, duration, recovery time), "
            + "the count of each outcome and the recovery-time trend.",
        "Reads the report.json of each run folder in DIR (default: chaos-runs); a DIR may "
            + "also be one run folder.");
    spec.addPositional(Specs.strings("DIR", "Run folders, or folders of run folders"));
    spec.addOption(Specs.option(Format.class, "FORMAT",
        "text (default), json, or html: a self-contained page with a chart per runbook",
        "--format"));
    spec.addOption(Specs.option(Path.class, "FILE", "Write the report to FILE instead of "
        + "standard output", "-o", "--output"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> given = parsed.matchedPositionalValue(0, List.of());
    List<Path> dirs = given.isEmpty() ? List.of(Path.of("chaos-runs"))
        : given.stream().map(Path::of).toList();
    RunHistory history = RunHistory.read(dirs);
    history.leftOut().forEach(s -> context.err().println("warning: skipped " + s));
    Format format = parsed.matchedOptionValue("--format", Format.TEXT);
    String text = switch (format) {
      case TEXT -> HistoryText.render(history);
      case JSON -> HistoryJson.render(history);
      case HTML -> HistoryHtml.render(history, context.redactor()::redact);
    };
    Path file = parsed.matchedOptionValue("-o", null);
    context.write(file, text);
    if (file != null) {
      context.out().println("wrote " + format.name().toLowerCase(Locale.ROOT) + " report of "
          + history.runbooks().stream().mapToInt(b -> b.runs().size()).sum() + " runs to "
          + file);
    }
    context.out().flush();
    context.err().flush();
    return ExitCodes.OK;
  }
}
