package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.diag.TextRenderer;
import dev.chaos.source.SourceFile;
import java.util.List;

/**
 * The check a command makes of the one runbook it is about to act on (`exec`, `announce`): its
 * diagnostics printed as `chaos check` prints them, and nothing done when it has errors or is a
 * module.
 */
final class RunbookCheck {
  private RunbookCheck() {}

  /**
   * The checked runbook, or null when it has errors or no runbook (said on stderr, ending
   * "nothing was {@code done}").
   */
  static CheckedProgram of(CliContext context, SourceFile source, String done) {
    Diagnostics sink = new Diagnostics();
    CheckedProgram program = new Checker(context.drivers().get(), new CheckOptions(false))
        .check(source, sink);
    List<Diagnostic> diagnostics = sink.sorted();
    boolean color = ColorMode.AUTO.enabled(context.stdoutIsTerminal(), context.env());
    if (!diagnostics.isEmpty()) {
      context.err().print(new TextRenderer(color).render(diagnostics, List.of(source)));
      context.err().flush();
    }
    if (sink.hasErrors()) {
      context.err().println("error: `" + source.path() + "` has errors: nothing was " + done);
      return null;
    }
    if (program.runbook().isEmpty()) {
      context.err().println("error: `" + source.path() + "` is a module: it has no runbook to "
          + "run");
      return null;
    }
    return program;
  }
}
