package dev.chaos.cli;

import dev.chaos.spi.DriverDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** `chaos docs`: docs/drivers.md, generated from the drivers' signature tables. */
final class DocsCommand implements Callable<Integer> {
  private final CliContext context;
  private CommandSpec spec;

  private DocsCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    DocsCommand command = new DocsCommand(context);
    CommandSpec spec = Specs.command("docs", command,
        "Generate the driver reference (docs/drivers.md) from the drivers' signature tables.");
    spec.addOption(Specs.option(Path.class, "FILE",
        "Write to FILE instead of stdout, e.g. docs/drivers.md", "-o", "--output"));
    spec.addOption(Specs.flag(
        "Write nothing; fail when FILE differs from what would be written (for CI)", "--check"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    Path output = parsed.matchedOptionValue("--output", null);
    String markdown = DriverDocs.render(context.drivers().get());
    if (!parsed.hasMatchedOption("--check")) {
      context.write(output, markdown);
      return ExitCodes.OK;
    }
    if (output == null) {
      throw new CommandFailure("`--check` needs `--output FILE`, the file to compare");
    }
    if (markdown.equals(readOrNull(output))) {
      return ExitCodes.OK;
    }
    context.err().println("error: `" + output + "` is stale; regenerate it with "
        + "`chaos docs --output " + output + "`");
    return ExitCodes.FAILED;
  }

  private static String readOrNull(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CommandFailure("cannot read `" + file + "`: " + CommandFailure.reason(e));
    }
  }
}
