package dev.chaos.cli;

import dev.chaos.runtime.DryRunPlan;
import dev.chaos.runtime.HtmlReport;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.JsonReport;
import dev.chaos.runtime.Journal;
import dev.chaos.runtime.JunitReport;
import dev.chaos.runtime.MarkdownReport;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.RunResult;
import dev.chaos.spi.Redactor;
import dev.chaos.types.ValueFormat;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The end of `chaos exec`: the reports in the run folder, a short summary, the exit code. */
final class RunSummary {
  private final CliContext context;
  private final RunFolder folder;

  RunSummary(CliContext context, RunFolder folder) {
    this.context = context;
    this.folder = folder;
  }

  static int exitCode(Outcome outcome) {
    return switch (outcome) {
      case PASSED -> ExitCodes.OK;
      case FAILED -> ExitCodes.FAILED;
      case REFUSED -> ExitCodes.INVALID_INPUT;
      case PRECONDITION_FAILED -> ExitCodes.PRECONDITION_FAILED;
      case ABORTED -> ExitCodes.ABORTED;
      case UNDO_FAILED -> ExitCodes.UNDO_FAILED;
      case NOT_RECOVERED -> ExitCodes.NOT_RECOVERED;
      case INTERRUPTED -> ExitCodes.INTERRUPTED;
    };
  }

  void writeReports(RunResult result, Path junit) {
    writeReports(result, junit, exitCode(result.outcome()));
  }

  /** {@code exitCode}: what the command exits with, shown in report.html. */
  void writeReports(RunResult result, Path junit, int exitCode) {
    context.write(folder.report(), MarkdownReport.render(result));
    context.write(folder.jsonReport(), JsonReport.render(result));
    context.write(folder.htmlReport(), HtmlReport.render(result, journaled(), exitCode,
        context.redactor()));
    if (junit != null) {
      context.write(junit, JunitReport.render(result));
    }
  }

  /** The journal's events, for report.html's charts; none when it cannot be read back. */
  private java.util.List<dev.chaos.runtime.RunEvent> journaled() {
    try {
      return JournalReader.read(folder.journal()).events();
    } catch (java.io.IOException | JournalReader.Malformed e) {
      return java.util.List.of();
    }
  }

  void print(RunResult r, Journal journal) {
    PrintWriter out = context.out();
    out.println();
    out.println(r.outcome().label() + (r.reason() == null ? "" : ": " + r.reason()));
    out.println("  " + r.steps().stream().filter(s -> s.attempts() > 0).count() + " of "
        + r.steps().size() + " steps run in " + ValueFormat.duration(r.duration())
        + " (run clock)" + (r.dryRun() ? ", dry run: nothing changed" : ""));
    DryRunPlan.lines(r).forEach(line -> out.println("  " + line));
    if (r.recovery().recovered()) {
      out.println("  recovered in " + ValueFormat.duration(r.recovery().time()));
    }
    if (!r.remaining().isEmpty()) {
      out.println("  STILL DISRUPTED (undo by hand):");
      r.remaining().forEach(u -> out.println("    - " + u.description() + ": " + u.message()));
    }
    out.println("  report:  " + folder.report());
    out.println("  journal: " + folder.journal());
    out.println("  exit " + exitCode(r.outcome()));
    out.flush();
    int tooShort = context.redactor().tooShort();
    if (tooShort > 0) {
      context.err().println("warning: " + tooShort + (tooShort == 1 ? " secret is" : " secrets are")
          + " shorter than " + Redactor.MIN_LENGTH + " characters: too short to mask in what "
          + "servers send back (docs/configuration.md)");
    }
    if (journal.problem() != null) {
      context.err().println("error: the journal could not be written completely: "
          + journal.problem().getMessage());
    }
  }
}
