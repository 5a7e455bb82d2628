package dev.chaos.check;

import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.syntax.ast.Program;
import java.util.List;

/**
 * TEMPORARY skeleton from the `cli` branch with exactly the agreed signatures, so the CLI compiles
 * before the checker lands. It reports nothing. The `checker` branch owns this file: on merge,
 * take the checker's version.
 */
public final class Checker {
  public Checker(DriverRegistry drivers, CheckOptions options) {}

  public CheckedProgram check(SourceFile file, Diagnostics sink) {
    return new CheckedProgram(
        new Program(file.span(0, file.text().length()), file, List.of(), List.of()));
  }
}
