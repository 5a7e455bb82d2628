package dev.chaos.cli;

import dev.chaos.diag.Diagnostic;
import dev.chaos.format.FormatResult;
import dev.chaos.format.Formatter;
import dev.chaos.format.LineDiff;
import dev.chaos.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos fmt [--check] [PATH...]`: rewrites runbooks in the canonical layout
 * ({@link Formatter}); `--check` changes nothing and lists the files that would change, for CI;
 * `-` formats standard input to standard output, for editors. A file with syntax errors is left
 * as it is and its errors are reported (exit 2).
 */
final class FmtCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  private final CliContext context;
  private final Supplier<InputStream> stdin;
  private CommandSpec spec;

  private FmtCommand(CliContext context, Supplier<InputStream> stdin) {
    this.context = context;
    this.stdin = stdin;
  }

  static CommandSpec spec(CliContext context) {
    return spec(context, () -> System.in);
  }

  static CommandSpec spec(CliContext context, Supplier<InputStream> stdin) {
    FmtCommand command = new FmtCommand(context, stdin);
    CommandSpec spec = Specs.command("fmt", command,
        "Format runbooks and modules in the canonical layout: two-space indentation, one "
            + "statement a line, calls, lists and records wrapped at " + Formatter.WIDTH
            + " columns; comments, strings and text blocks kept as written.",
        "Rewrites each file that changes and names it. A file with syntax errors is left "
            + "unchanged and its errors are shown (exit 2). Directories are searched for "
            + "`.chaos` files, skipping `target/` and hidden entries; `-` reads standard input "
            + "and writes the formatted text to standard output.");
    spec.addPositional(Specs.strings("PATH", "Files or directories (default: .), or - for stdin"));
    spec.addOption(Specs.flag("Change nothing: name each file that is not formatted and exit 1 "
        + "if there is one", "--check"));
    spec.addOption(Specs.flag("Print what would change as a unified diff (with --check: instead "
        + "of the file names)", "-d", "--diff"));
    spec.addOption(Specs.flag("Name each file as it is formatted", "-v", "--verbose"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    boolean check = parsed.hasMatchedOption("--check");
    List<String> paths = parsed.matchedPositionalValue(0, List.of());
    if (paths.contains(STDIN)) {
      if (paths.size() > 1) {
        throw new CommandFailure("`-` (standard input) cannot be formatted together with files");
      }
      return formatStdin(check, parsed.hasMatchedOption("--diff"));
    }
    boolean verbose = parsed.hasMatchedOption("--verbose");
    boolean diff = parsed.hasMatchedOption("--diff");
    List<Input> files = readInputs(paths);
    List<Diagnostic> errors = new ArrayList<>();
    List<SourceFile> broken = new ArrayList<>();
    int unformatted = 0;
    for (Input input : files) {
      SourceFile file = input.file();
      if (verbose) {
        context.err().println("formatting " + file.path());
      }
      FormatResult result = Formatter.format(file);
      if (!result.formatted()) {
        errors.addAll(result.diagnostics());
        broken.add(file);
        continue;
      }
      if (!result.changed()) {
        continue;
      }
      unformatted++;
      if (!check) {
        write(input.path(), result.text());
      }
      if (diff) {
        context.out().print(LineDiff.unified(file.path(), file.text(), result.text()));
      } else {
        context.out().println(file.path());
      }
    }
    if (!errors.isEmpty()) {
      context.err().print(OutputFormat.TEXT.renderer(false).render(errors, broken));
      context.err().println("error: " + broken.size() + (broken.size() == 1 ? " file has" : " files have")
          + " syntax errors and " + (broken.size() == 1 ? "was" : "were") + " not formatted");
      return ExitCodes.INVALID_INPUT;
    }
    return check && unformatted > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private int formatStdin(boolean check, boolean diff) {
    String text;
    try {
      text = new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandFailure("cannot read standard input: " + CommandFailure.reason(e));
    }
    SourceFile file = new SourceFile("<stdin>", text.startsWith("\uFEFF") ? text.substring(1) : text);
    FormatResult result = Formatter.format(file);
    if (!result.formatted()) {
      context.err().print(OutputFormat.TEXT.renderer(false).render(result.diagnostics(), List.of(file)));
      return ExitCodes.INVALID_INPUT;
    }
    if (check) {
      if (result.changed()) {
        context.out().print(diff ? LineDiff.unified(file.path(), file.text(), result.text())
            : file.path() + "\n");
      }
      return result.changed() ? ExitCodes.FAILED : ExitCodes.OK;
    }
    context.out().print(result.text());
    return ExitCodes.OK;
  }

  /** Every file named, read; all problems with the input reported together before failing. */
  private record Input(SourceFile file, Path path) {}

  private static List<Input> readInputs(List<String> paths) {
    RunbookFinder finder = new RunbookFinder();
    for (String path : paths.isEmpty() ? List.of(".") : paths) {
      finder.add(path);
    }
    List<String> problems = new ArrayList<>(finder.problems());
    List<Input> files = new ArrayList<>();
    for (RunbookFinder.Found found : finder.files()) {
      try {
        files.add(new Input(SourceReader.read(found.path(), found.shown()), found.path()));
      } catch (CommandFailure e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new CommandFailure(problems);
    }
    return files;
  }

  /** Replaces the file in one step: a temporary file beside it, renamed over it, so that an
   * interrupted run never leaves half a runbook. The file keeps its permissions. */
  private static void write(Path file, String text) {
    Path tmp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".fmt");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the new file has the default permissions
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // the first failure is the one to report
      }
      throw new CommandFailure("cannot write `" + file + "`: " + CommandFailure.reason(e));
    }
  }
}
