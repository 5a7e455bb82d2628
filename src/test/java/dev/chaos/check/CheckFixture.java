package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Runs the real parser and checker over text, with the drivers on the class path. */
final class CheckFixture {
  static final DriverRegistry DRIVERS = DriverRegistry.load();

  private CheckFixture() {}

  /** What one check produced. */
  record Result(CheckedProgram program, List<Diagnostic> diagnostics) {
    List<Code> codes() {
      return diagnostics.stream().map(Diagnostic::code).toList();
    }

    /** The only diagnostic, which must have the given code. */
    Diagnostic only(Code code) {
      assertThat(diagnostics).as(render()).hasSize(1);
      assertThat(diagnostics.get(0).code()).as(render()).isEqualTo(code);
      return diagnostics.get(0);
    }

    Diagnostic first(Code code) {
      return diagnostics.stream().filter(d -> d.code() == code).findFirst()
          .orElseThrow(() -> new AssertionError("no " + code + " in\n" + render()));
    }

    void assertClean() {
      assertThat(diagnostics).as(render()).isEmpty();
    }

    String render() {
      return diagnostics.stream().map(CheckFixture::render).collect(Collectors.joining("\n"));
    }
  }

  static Result check(String text) {
    return check(text, new CheckOptions(false));
  }

  static Result check(String text, CheckOptions options) {
    return check(new Checker(DRIVERS, options), new SourceFile("test.chaos", text));
  }

  static Result checkFile(Path file) {
    try {
      return check(new Checker(DRIVERS, new CheckOptions(false)),
          new SourceFile(file.toString(), java.nio.file.Files.readString(file)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Result check(Checker checker, SourceFile file) {
    Diagnostics sink = new Diagnostics();
    CheckedProgram program = checker.check(file, sink);
    List<Diagnostic> all = sink.sorted();
    // an internal failure is a bug to see here, not a diagnostic to assert on
    assertThat(all).as("internal errors").noneMatch(d -> d.code() == Code.CH0106);
    return new Result(program, all);
  }

  /** A staging runbook with the given members after its header. */
  static String runbook(String members) {
    return "runbook \"t\" {\n  environment staging\n" + members + "\n}\n";
  }

  /** A runbook whose single step holds the given statements. */
  static String step(String statements) {
    return runbook("  step \"s\" {\n" + statements + "\n  }");
  }

  static String render(Diagnostic d) {
    return d.severity().label() + "[" + d.code() + "] " + d.span() + " `" + d.span().text()
        + "`: " + d.message() + (d.label().isEmpty() ? "" : " (" + d.label() + ")")
        + d.helps().stream().map(h -> "\n    help: " + h).collect(Collectors.joining());
  }
}
