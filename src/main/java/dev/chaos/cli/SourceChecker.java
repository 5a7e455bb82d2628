package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.Checker;
import dev.chaos.check.PrecheckedStdlib;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What `chaos check` needs of the checker; tests put canned diagnostics behind it. */
@FunctionalInterface
interface SourceChecker {
  /** {@code internalErrors} receives a failure of the checker itself, reported as CH0106. */
  void check(SourceFile file, Diagnostics sink, Consumer<Throwable> internalErrors);

  /**
   * One {@link Checker} for all files of a run, so that its module cache is shared, taking the
   * bundled modules from {@code stdlib}.
   */
  static SourceChecker of(Supplier<DriverRegistry> drivers, CheckOptions options,
      PrecheckedStdlib stdlib) {
    Checker checker = new Checker(drivers, options, stdlib);
    return checker::check;
  }
}
