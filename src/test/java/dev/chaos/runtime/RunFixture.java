package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.diag.Severity;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Checks runbook text with the real driver tables and runs it on a {@link FakeBackend}. */
final class RunFixture {
  static final DriverRegistry DRIVERS = DriverRegistry.load();

  private RunFixture() {}

  /** What one run produced. */
  record Run(RunResult result, List<RunEvent> events) {
    <T extends RunEvent> List<T> events(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** `undo_started` descriptions, in the order the undos ran (first attempts only). */
    List<String> undoOrder() {
      return events(RunEvent.UndoStarted.class).stream().filter(e -> e.attempt() == 1)
          .map(RunEvent.UndoStarted::description).toList();
    }

    List<String> logs() {
      return events(RunEvent.Log.class).stream().map(RunEvent.Log::text).toList();
    }
  }

  static CheckedProgram check(String text) {
    Diagnostics sink = new Diagnostics();
    CheckedProgram program = new Checker(DRIVERS, new CheckOptions(false))
        .check(new SourceFile("test.chaos", text), sink);
    List<Diagnostic> errors = sink.sorted().stream()
        .filter(d -> d.severity() == Severity.ERROR).toList();
    assertThat(errors).as(() -> errors.stream()
        .map(d -> d.code() + " " + d.span() + ": " + d.message())
        .collect(Collectors.joining("\n"))).isEmpty();
    return program;
  }

  static Run run(String text, FakeBackend backend) {
    return run(text, backend, RunOptions.defaults());
  }

  static Run run(String text, FakeBackend backend, RunOptions options) {
    List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
    RunEngine engine = new RunEngine(check(text), backend, options, events::add);
    RunResult result = engine.run();
    return new Run(result, List.copyOf(events));
  }

  /** A staging runbook with the given members. */
  static String runbook(String members) {
    return "runbook \"t\" {\n  environment staging\n" + members + "\n}\n";
  }
}
