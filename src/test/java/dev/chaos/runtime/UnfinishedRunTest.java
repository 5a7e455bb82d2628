package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.spi.UndoRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a journal is read for `chaos recover` and `chaos exec`'s refusal: what is pending, in
 * which order, with which recipe; a finished run; a journal cut short by the crash, read back
 * and appended to.
 */
class UnfinishedRunTest {
  private static final Instant T = Instant.parse("2026-01-06T03:00:00Z");

  private final List<RunEvent> events = new ArrayList<>();

  private void started(String lock) {
    events.add(new RunEvent.RunStarted(T, "rb", "rb", "rb.chaos", "staging", false, null, null,
        null, lock, "rb-20261203-000000-abcd"));
  }

  private void inverse(int id, String step, String superseded, UndoRecipe recipe) {
    events.add(new RunEvent.UndoRegistered(T, id, step, UndoResult.Kind.INVERSE, "undo " + id,
        "k8s.scale", Map.of(), "rb.chaos:1:1", superseded, recipe));
  }

  private void done(int id, boolean ok) {
    events.add(new RunEvent.UndoFinished(T, id, "undo " + id, 1, ok, ok ? null : "x", null));
  }

  private static UndoRecipe recipe(String action) {
    return new UndoRecipe("k8s", action, Map.of("name", action));
  }

  @Test
  void pendingUndosComeNewestFirstWithTheirLastRecipeAndWithoutTheDoneOnes() {
    started("lock-a");
    events.add(new RunEvent.LockTaken(T, "lock-a", "me@host (runbook rb, pid 1)"));
    events.add(new RunEvent.UndoRegistered(T, 0, "", UndoResult.Kind.ROLLBACK, "the rollback "
        + "block", null, null, "rb.chaos:9:3", null, null));
    inverse(1, "a", null, recipe("first"));
    inverse(2, "b", null, recipe("second"));
    events.add(new RunEvent.UndoRecipeSet(T, 2, recipe("second-with-uid")));
    inverse(3, "c", null, recipe("third"));
    done(3, true);
    inverse(4, "d", null, null);
    done(4, false);
    UnfinishedRun run = UnfinishedRun.of(events);
    assertThat(run.finished()).isFalse();
    assertThat(run.lockName()).isEqualTo("lock-a");
    assertThat(run.lock().holder()).contains("pid 1");
    assertThat(run.rollbackPending()).isTrue();
    assertThat(run.pending()).extracting(UnfinishedRun.Pending::id).containsExactly(4, 2, 1);
    assertThat(run.pending().get(1).recipe().action()).isEqualTo("second-with-uid");
    assertThat(run.pending().get(0).recipe()).isNull();
  }

  @Test
  void aStepsInversesStandInForItsUndoBlockWhenTheBlockDidNotRun() {
    started(null);
    events.add(new RunEvent.UndoRegistered(T, 1, "a", UndoResult.Kind.BLOCK, "block a", null,
        null, "rb.chaos:2:1", null, null));
    inverse(2, "a", "the step's undo block", recipe("of-a"));
    events.add(new RunEvent.UndoRegistered(T, 3, "b", UndoResult.Kind.BLOCK, "block b", null,
        null, "rb.chaos:3:1", null, null));
    inverse(4, "b", "the step's undo block", recipe("of-b"));
    done(3, true);
    events.add(new RunEvent.UndoRegistered(T, 5, "c", UndoResult.Kind.BLOCK, "block c", null,
        null, "rb.chaos:4:1", null, null));
    UnfinishedRun run = UnfinishedRun.of(events);
    assertThat(run.pending()).extracting(UnfinishedRun.Pending::id).containsExactly(2);
    assertThat(UnfinishedRun.blocksWithoutInverses(events)).containsExactly("c");
  }

  @Test
  void aBlockWithItsValuesJournaledIsPendingInItsPlaceAndItsInversesStaySuperseded() {
    started(null);
    inverse(1, "a", null, recipe("of-a"));
    events.add(new RunEvent.UndoRegistered(T, 2, "b", UndoResult.Kind.BLOCK, "block b", null,
        null, "rb.chaos:5:5", null, null));
    events.add(new RunEvent.UndoScope(T, 2, Map.of(), null));
    inverse(3, "b", "the step's undo block", recipe("of-b"));
    events.add(new RunEvent.UndoScope(T, 2, Map.of("key", "k"), null));
    events.add(new RunEvent.UndoRegistered(T, 4, "c", UndoResult.Kind.BLOCK, "block c", null,
        null, "rb.chaos:9:5", null, null));
    events.add(new RunEvent.UndoScope(T, 4, Map.of(), "`token`, a secret"));
    inverse(5, "c", "the step's undo block", recipe("of-c"));
    UnfinishedRun run = UnfinishedRun.of(events);
    // c's block cannot run without its runner: its inverse stands in, and it is reported
    assertThat(run.pending()).extracting(UnfinishedRun.Pending::id)
        .containsExactly(5, 4, 2, 1);
    assertThat(run.pending().get(2).scope().values()).isEqualTo(Map.of("key", "k"));
    assertThat(run.pending().get(2).at()).isEqualTo("rb.chaos:5:5");
    assertThat(run.pending().get(1).scope().notJournaled()).isEqualTo("`token`, a secret");
    assertThat(UnfinishedRun.blocksWithoutInverses(events)).isEmpty();
  }

  @Test
  void aRunThatEndedUndoFailedHasUndoLeftUntilItsFailedUndosAreDone() {
    started("l");
    inverse(1, "a", null, recipe("x"));
    inverse(2, "b", null, recipe("y"));
    done(2, true);
    done(1, false);
    events.add(new RunEvent.RunFinished(T, Outcome.UNDO_FAILED, "1 undo failed",
        List.of("undo 1"), Duration.ZERO));
    UnfinishedRun failed = UnfinishedRun.of(events);
    assertThat(failed.finished()).isTrue();
    assertThat(failed.undoLeft()).isTrue();
    assertThat(failed.pending()).extracting(UnfinishedRun.Pending::id).containsExactly(1);
    done(1, true);
    events.add(new RunEvent.RunFinished(T, Outcome.UNDO_FAILED, "finished by recover",
        List.of(), Duration.ZERO));
    assertThat(UnfinishedRun.of(events).undoLeft()).isFalse();
  }

  @Test
  void aRunThatPassedHasNoUndoLeft() {
    started("l");
    inverse(1, "a", null, recipe("x"));
    done(1, true);
    events.add(new RunEvent.RunFinished(T, Outcome.PASSED, null, List.of(), Duration.ZERO));
    assertThat(UnfinishedRun.of(events).undoLeft()).isFalse();
  }

  @Test
  void aJournalCutShortByTheCrashIsReadAndAppendedToWithWholeLines(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("journal.jsonl");
    started("l");
    inverse(1, "a", null, recipe("x"));
    try (Journal journal = Journal.create(file)) {
      events.forEach(journal::on);
    }
    Files.writeString(file, "{\"time\":\"2026-01-06T03:00:0",
        java.nio.file.StandardOpenOption.APPEND);
    JournalReader.Contents cut = JournalReader.read(file);
    assertThat(cut.cutShort()).isTrue();
    assertThat(UnfinishedRun.of(cut.events()).pending()).hasSize(1);
    try (Journal more = Journal.append(file)) {
      more.on(new RunEvent.UndoFinished(T, 1, "undo 1", 1, true, null, null));
    }
    JournalReader.Contents whole = JournalReader.read(file);
    assertThat(whole.cutShort()).isFalse();
    assertThat(whole.events()).hasSize(events.size() + 1);
    assertThat(UnfinishedRun.of(whole.events()).pending()).isEmpty();
  }
}
