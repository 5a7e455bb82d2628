package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.PrecheckedStdlib;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands take from the process: writers, environment variables, whether stdout is a
 * terminal, the drivers and the checker. Tests build one with captured writers.
 */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env,
    boolean stdoutIsTerminal, Supplier<DriverRegistry> drivers,
    Function<CheckOptions, SourceChecker> checkers, Backends backends, Redactor redactor) {

  /**
   * The real checker, built from the drivers this context supplies; the bundled modules are
   * checked once per set of options, on a thread of their own from the first checker's
   * creation, and shared by every checker. {@code out} and {@code err} mask every secret that
   * {@link #redactor} learns during the command (docs/configuration.md).
   */
  static CliContext of(PrintWriter out, PrintWriter err, Map<String, String> env,
      boolean stdoutIsTerminal, Supplier<DriverRegistry> drivers) {
    Redactor redactor = new Redactor();
    Map<CheckOptions, PrecheckedStdlib> stdlibs = new ConcurrentHashMap<>();
    return new CliContext(masked(out, redactor), masked(err, redactor), env, stdoutIsTerminal,
        drivers, options -> SourceChecker.of(drivers, options, stdlibs.computeIfAbsent(options,
            o -> PrecheckedStdlib.start(drivers, o))), Backends.onClassPath(), redactor);
  }

  private static PrintWriter masked(PrintWriter writer, Redactor redactor) {
    return new PrintWriter(new RedactingWriter(writer, redactor), true);
  }

  /** Writes a command's output to {@code file}, or to stdout when it is null. */
  void write(Path file, String content) {
    content = redactor.redact(content);
    if (file == null) {
      out.print(content);
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new CommandFailure("cannot write `" + file + "`: " + CommandFailure.reason(e));
    }
  }

  CliContext withCheckers(Function<CheckOptions, SourceChecker> replacement) {
    return new CliContext(out, err, env, stdoutIsTerminal, drivers, replacement, backends,
        redactor);
  }

  CliContext withBackends(Backends replacement) {
    return new CliContext(out, err, env, stdoutIsTerminal, drivers, checkers, replacement,
        redactor);
  }
}
