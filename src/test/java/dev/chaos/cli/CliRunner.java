package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.spi.DriverRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs `chaos` in-process through {@link Cli} with captured writers. */
final class CliRunner {
  record Result(int exitCode, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private boolean terminal;
  private Function<CheckOptions, SourceChecker> checkers;
  private Backends backends;
  /** The options of every checker built, in order: one per `check` run. */
  final List<CheckOptions> checkersBuilt = new ArrayList<>();

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner terminal() {
    terminal = true;
    return this;
  }

  /** Puts {@code checker} behind `chaos check` instead of the real checker. */
  CliRunner checker(SourceChecker checker) {
    checkers = options -> checker;
    return this;
  }

  /** Puts {@code replacement} behind `chaos exec` instead of the providers on the class path. */
  CliRunner backends(Backends replacement) {
    backends = replacement;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = CliContext.of(new PrintWriter(out), new PrintWriter(err), env, terminal,
        DriverRegistry::load);
    Function<CheckOptions, SourceChecker> chosen = checkers == null ? context.checkers() : checkers;
    context = context.withCheckers(options -> {
      checkersBuilt.add(options);
      return chosen.apply(options);
    });
    if (backends != null) {
      context = context.withBackends(backends);
    }
    int exitCode = Cli.create(context).execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
