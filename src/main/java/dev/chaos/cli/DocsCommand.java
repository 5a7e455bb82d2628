package dev.chaos.cli;

import dev.chaos.spi.DriverDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docs", sortOptions = false, usageHelpAutoWidth = true,
    description = "Generate the driver reference (docs/drivers.md) from the drivers' signature "
        + "tables.")
final class DocsCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of "
      + "stdout, e.g. docs/drivers.md")
  Path output;

  @Option(names = "--check", description = "Write nothing; fail when FILE differs from what "
      + "would be written (for CI)")
  boolean check;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
  boolean help;

  DocsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String markdown = DriverDocs.render(context.drivers().get());
    if (!check) {
      context.write(output, markdown);
      return ExitCodes.OK;
    }
    if (output == null) {
      throw new CommandFailure("`--check` needs `--output FILE`, the file to compare");
    }
    if (markdown.equals(readOrNull(output))) {
      return ExitCodes.OK;
    }
    context.err().println("error: `" + output + "` is stale; regenerate it with `chaos docs --output "
        + output + "`");
    return ExitCodes.FAILED;
  }

  private static String readOrNull(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CommandFailure("cannot read `" + file + "`: " + RunbookFinder.reason(e));
    }
  }
}
