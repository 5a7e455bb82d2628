package dev.chaos.cli;

import dev.chaos.lsp.LspServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `chaos lsp`: the language server, on stdin and stdout. The lsp package (and lsp4j) is loaded
 * only when this command runs, so `chaos check` starts as fast without it.
 */
final class LspCommand implements Callable<Integer> {
  private final CliContext context;

  private LspCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    CommandSpec spec = Specs.command("lsp", new LspCommand(context),
        "Run the language server (LSP over stdin and stdout) for editors: diagnostics as you "
            + "type, hover, completion, definitions, references, outline and quick fixes.",
        "Started by an editor, not by hand; see docs/lsp.md.");
    spec.addOption(Specs.flag("Talk over stdin and stdout (the default and only transport; "
        + "editors pass it)", "--stdio"));
    spec.addOption(Specs.help());
    return spec;
  }

  @Override
  public Integer call() {
    return LspServer.run(new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out), context.drivers().get());
  }
}
