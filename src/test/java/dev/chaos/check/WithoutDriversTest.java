package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With no driver at all, not even the core functions, every call is unknown: the checker must
 * say so in diagnostics and never fail inside (CH0106).
 */
class WithoutDriversTest {
  static Stream<Path> files() throws IOException {
    return RunbooksCheckTest.files();
  }

  static Stream<Path> goldenInputs() throws IOException {
    try (Stream<Path> files = Files.list(GoldenDiagnosticsTest.DIR)) {
      return files.filter(p -> p.toString().endsWith(".chaos")).sorted().toList().stream();
    }
  }

  private static List<Diagnostic> checkWithoutDrivers(Path file) throws IOException {
    Diagnostics sink = new Diagnostics();
    new Checker(new DriverRegistry(List.of()), new CheckOptions(false))
        .check(new SourceFile(file.toString(), Files.readString(file)), sink);
    List<Diagnostic> all = sink.sorted();
    assertThat(all).as("internal errors").noneMatch(d -> d.code() == Code.CH0106);
    return all;
  }

  @ParameterizedTest
  @MethodSource("files")
  void theExamplesGetDiagnosticsNotACrash(Path file) throws IOException {
    List<Diagnostic> all = checkWithoutDrivers(file);
    // every one of these files calls a driver or core function, which is now unknown
    assertThat(all).extracting(Diagnostic::code).containsAnyOf(Code.CH0202, Code.CH0203);
  }

  @ParameterizedTest
  @MethodSource("goldenInputs")
  void theGoldenInputsNeverCrashTheChecker(Path file) throws IOException {
    checkWithoutDrivers(file);
  }
}
