package dev.chaos.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * `chaos check` without picocli when its arguments are plain: paths and the flags `--strict`,
 * `-q`/`--quiet` and `-v`/`--verbose`, each at most once. Building picocli's model of every
 * command is a good part of the start-up of a one-file check (docs/performance.md). Anything
 * else (an option with a value, `--help`, `--`, `@FILE`, a repeated or unknown flag, a
 * combined `-qv`) goes through picocli as before, so usage errors and help read the same.
 */
final class CheckFastPath {
  private CheckFastPath() {}

  /** The exit code, or null when {@code args} are not a plain check: picocli must parse them. */
  static Integer run(String[] args, PrintWriter out, PrintWriter err, boolean stdoutIsTerminal) {
    if (args.length == 0 || !args[0].equals("check")) {
      return null;
    }
    List<String> paths = new ArrayList<>();
    boolean strict = false;
    boolean quiet = false;
    boolean verbose = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--strict" -> {
          if (strict) {
            return null;
          }
          strict = true;
        }
        case "-q", "--quiet" -> {
          if (quiet) {
            return null;
          }
          quiet = true;
        }
        case "-v", "--verbose" -> {
          if (verbose) {
            return null;
          }
          verbose = true;
        }
        default -> {
          if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
            return null;
          }
          paths.add(arg);
        }
      }
    }
    CliContext context = CliContext.of(out, err, System.getenv(), stdoutIsTerminal,
        DriversInBackground.start());
    CheckCommand.Request request = new CheckCommand.Request(paths, OutputFormat.TEXT, null, strict,
        null, ColorMode.AUTO, quiet, verbose);
    try {
      return CheckCommand.run(context, request);
    } catch (Exception e) {
      return Cli.failure(e, context.err(), verbose);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }
}
