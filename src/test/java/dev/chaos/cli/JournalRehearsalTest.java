package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.diag.Diagnostics;
import dev.chaos.runtime.Journal;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.RunEngine;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunListener;
import dev.chaos.runtime.RunOptions;
import dev.chaos.runtime.RunResult;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.SandboxRequest;
import dev.chaos.spi.DriverRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The journal of a rehearsal of every runbook in runbooks/ reads back equal to the events the
 * run emitted, and holds values a program can act on: objects, arrays, numbers, not the text
 * the console shows.
 */
@Timeout(60)
class JournalRehearsalTest {
  static List<Path> runbooks() throws Exception {
    return RehearsalTest.runbooks().toList();
  }

  /** The events a rehearsal emitted, and the journal it wrote. */
  private record Rehearsal(RunResult result, List<RunEvent> emitted, Path journal) {}

  private static Rehearsal rehearse(Path runbook, Path dir) throws Exception {
    CheckedProgram program = new Checker(DriverRegistry.load(), new CheckOptions(false))
        .check(new SourceFile(runbook.toString(), Files.readString(runbook)), new Diagnostics());
    BackendProvider sandbox = ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("sandbox")).findFirst()
        .orElseThrow();
    List<RunEvent> emitted = Collections.synchronizedList(new ArrayList<>());
    Path file = dir.resolve("journal.jsonl");
    RunResult result;
    try (Backend backend = sandbox.open(new SandboxRequest(
        runbook.toAbsolutePath().getParent(), Optional.empty()));
        Journal journal = Journal.create(file)) {
      result = new RunEngine(program, backend, RunOptions.defaults(),
          RunListener.all(List.of(journal, emitted::add))).run();
      assertThat(journal.problem()).isNull();
    }
    return new Rehearsal(result, List.copyOf(emitted), file);
  }

  @ParameterizedTest
  @MethodSource("runbooks")
  void theJournalReadsBackEqualToTheEventsEmitted(Path runbook, @TempDir Path dir)
      throws Exception {
    Rehearsal r = rehearse(runbook, dir);
    JournalReader.Contents read = JournalReader.read(r.journal());
    assertThat(read.cutShort()).isFalse();
    assertThat(read.events()).containsExactlyElementsOf(r.emitted());
    assertThat(read.events()).last().isInstanceOf(RunEvent.RunFinished.class);
    for (RunEvent e : read.events()) {
      for (Object tree : trees(e)) {
        assertNoDisplayText(tree, e);
      }
    }
  }

  @Test
  void aSelectorIsAnObjectAndAFractionAPercentage(@TempDir Path dir) throws Exception {
    Rehearsal r = rehearse(Path.of("runbooks/pod-failure.chaos"), dir);
    RunEvent.Call kill = JournalReader.read(r.journal()).events().stream()
        .filter(e -> e instanceof RunEvent.Call c && c.fn().equals("k8s.kill_pods"))
        .map(RunEvent.Call.class::cast).findFirst().orElseThrow();
    assertThat(kill.args().get("selector")).isInstanceOfSatisfying(Map.class, selector -> {
      assertThat(selector.get("namespace")).isEqualTo("llm-marketplace");
      assertThat(selector).containsKey("labels");
    });
    assertThat(kill.args().get("fraction")).isEqualTo("30%");
    assertThat(Files.readAllLines(r.journal())).anyMatch(line ->
        line.contains("\"fn\":\"k8s.kill_pods\"")
            && line.contains("\"namespace\":\"llm-marketplace\""));
  }

  @Test
  void anAutomaticInverseNamesItsCallWithItsArgumentsAndWhereItIs(@TempDir Path dir)
      throws Exception {
    Rehearsal r = rehearse(Path.of("runbooks/network-latency.chaos"), dir);
    RunEvent.UndoRegistered undo = JournalReader.read(r.journal()).events().stream()
        .filter(e -> e instanceof RunEvent.UndoRegistered u
            && u.kind() == RunResult.UndoResult.Kind.INVERSE)
        .map(RunEvent.UndoRegistered.class::cast).findFirst().orElseThrow();
    assertThat(undo.id()).isPositive();
    assertThat(undo.step()).isEqualTo("inject 200ms latency into half of the gateway pods");
    assertThat(undo.call()).isEqualTo("k8s.apply");
    assertThat(undo.args()).containsKey("manifest");
    assertThat(undo.at()).startsWith("runbooks/network-latency.chaos:99:");
    assertThat(undo.description()).endsWith("(inverse of k8s.apply)");
  }

  private static List<Object> trees(RunEvent e) {
    return switch (e.type()) {
      case LET -> Collections.singletonList(((RunEvent.LetDefined) e).value());
      case SAMPLE -> Collections.singletonList(((RunEvent.ProbeSampled) e).value());
      case RECORD -> Collections.singletonList(((RunEvent.Recorded) e).value());
      case CALL -> Collections.singletonList(((RunEvent.Call) e).args());
      case CALL_RESULT -> java.util.Arrays.asList(((RunEvent.CallResult) e).args(),
          ((RunEvent.CallResult) e).result());
      case UNDO_REGISTERED -> Collections.singletonList(((RunEvent.UndoRegistered) e).args());
      case RUN_STARTED, PHASE, CHECK, STEP_STARTED, STEP_FINISHED, PREVIEW, WAIT, WAIT_UNTIL, LOG,
          UNDO_STARTED, UNDO_FINISHED, ABORT, RECOVERY, RUN_FINISHED, LOCK_TAKEN, RUN_SOURCE,
          GUARD_WARNING, ESCALATION
          -> List.of();
      case UNDO_RECIPE -> Collections.singletonList(((RunEvent.UndoRecipeSet) e).recipe().args());
      case UNDO_SCOPE -> Collections.singletonList(((RunEvent.UndoScope) e).values());
    };
  }

  /**
   * A record, map or list shown as text starts with `{` or `[` and separates with `, `; a JSON
   * text (an HTTP body) quotes its keys and strings, which display text never does.
   */
  private static void assertNoDisplayText(Object tree, RunEvent in) {
    if (tree instanceof String s) {
      boolean json = s.startsWith("{\"") || s.startsWith("[\"");
      assertThat(!json && s.matches("(?s)[\\[{].*(: |, ).*[\\]}]")).as("%s in %s", s, in).isFalse();
    } else if (tree instanceof Map<?, ?> map) {
      map.values().forEach(v -> assertNoDisplayText(v, in));
    } else if (tree instanceof List<?> list) {
      list.forEach(v -> assertNoDisplayText(v, in));
    }
  }
}
