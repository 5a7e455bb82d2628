package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CheckedProgram;
import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import dev.chaos.types.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `chaos recover` runs a step's own `undo` block that the dead runner registered and never ran:
 * from the runbook, with the values the block read journaled (`undo_scope`), not evaluated
 * again; newest first, interleaved with the rebuilt automatic inverses as the run would have
 * run them; never twice; never from a changed file; never when the block reads a secret.
 *
 * <p>The runner "dies" by cutting its events where its undo phase would have begun: what a
 * SIGKILL leaves in the journal (RecoverUndoBlockLabTest kills a real one).
 */
@Timeout(30)
class RecoverUndoBlockTest {
  private static final String RUNBOOK = RunFixture.runbook("""
        let level = prometheus.scalar("q")
        step "a" { k8s.scale("deployment", "a", 1) }
        step "b" {
          let key = "api-" + "blue"
          let hold = 90s
          k8s.scale("deployment", "b", 1)
          notify.send("took ${key}")
        } undo {
          notify.send("gave back ${key} at ${level} after ${hold} in ${runbook.name}")
        }
        step "c" { k8s.scale("deployment", "c", 1) }
      """);

  /** A world of deployments and messages; its automatic inverses journal recipes. */
  private static final class World {
    final FakeBackend backend = new FakeBackend();
    final List<String> effects = Collections.synchronizedList(new ArrayList<>());

    World(double level) {
      backend.on("prometheus.scalar", (a, c) -> Value.number(level));
      backend.on("k8s.scale", (a, c) -> {
        String name = ((Value.Str) a.get("name")).value();
        c.registerUndo("scale " + name + " back", new UndoRecipe("k8s", "set_replicas",
            Map.of("name", name)), ctx -> effects.add("unscale " + name));
        effects.add("scale " + name);
        return Value.integer(3);
      });
      backend.on("notify.send", (a, c) -> {
        effects.add("notify " + a.get("text").display());
        return Value.UNIT;
      });
    }

    /** The world as `chaos recover` reaches it: the inverses rebuilt from their recipes. */
    Backend recovering() {
      return new Backend() {
        @Override
        public Clock clock() {
          return backend.clock();
        }

        @Override
        public BuiltinImpl impl(String qualifiedName) {
          return backend.impl(qualifiedName);
        }

        @Override
        public Undo recover(UndoRecipe recipe) {
          return ctx -> effects.add("unscale " + recipe.args().get("name"));
        }

        @Override
        public void close() {}
      };
    }

    List<String> effects() {
      synchronized (effects) {
        return List.copyOf(effects);
      }
    }
  }

  /** The events of a run of {@code text} up to where its undo would have begun. */
  private static List<RunEvent> died(String text) {
    World world = new World(0.25);
    RunFixture.Run run = RunFixture.run(text, world.backend);
    List<RunEvent> cut = new ArrayList<>();
    for (RunEvent e : run.events()) {
      if (e instanceof RunEvent.PhaseEntered p && p.phase() == RunPhase.UNDO) {
        return cut;
      }
      cut.add(e);
    }
    throw new AssertionError("the run had no undo phase: " + run.events());
  }

  private record Recovered(RunResult result, List<RunEvent> events, List<String> effects) {}

  private static Recovered recover(String text, List<RunEvent> journal, boolean sameFile) {
    World world = new World(0.99); // a value evaluated again would show 0.99
    CheckedProgram program = RunFixture.check(text);
    List<RunEvent> appended = Collections.synchronizedList(new ArrayList<>());
    Recovery recovery = new Recovery(journal, "/runs/journal.jsonl", program, sameFile,
        world.recovering(), RunOptions.defaults(), appended::add);
    RunResult result = recovery.recover();
    return new Recovered(result, List.copyOf(appended), world.effects());
  }

  private static List<Integer> undoIds(List<RunEvent> events) {
    return events.stream().filter(RunEvent.UndoStarted.class::isInstance)
        .map(e -> ((RunEvent.UndoStarted) e).id()).toList();
  }

  @Test
  void recoverRunsAStepsUndoBlockWithTheJournaledValuesInTheRunsOrder() {
    List<RunEvent> journal = died(RUNBOOK);
    RunEvent.UndoScope scope = journal.stream().filter(RunEvent.UndoScope.class::isInstance)
        .map(RunEvent.UndoScope.class::cast).reduce((x, y) -> y).orElseThrow();
    assertThat(scope.id()).isEqualTo(2);
    assertThat(scope.notJournaled()).isNull();
    assertThat(scope.values()).containsOnlyKeys("key", "level", "hold", "runbook")
        .containsEntry("key", "api-blue").containsEntry("level", 0.25)
        .containsEntry("hold", "1m30s");

    Recovered r = recover(RUNBOOK, journal, true);

    assertThat(r.effects()).containsExactly("unscale c",
        "notify gave back api-blue at 0.25 after 1m30s in t", "unscale a");
    assertThat(undoIds(r.events())).containsExactly(4, 2, 1); // 3: b's inverse, superseded
    assertThat(r.result().undos()).extracting(UndoResult::description, UndoResult::status)
        .contains(org.assertj.core.groups.Tuple.tuple("the undo block of step \"b\"",
            UndoResult.Status.DONE));
    assertThat(r.result().remaining()).isEmpty();
    assertThat(r.events().get(r.events().size() - 1)).isInstanceOfSatisfying(
        RunEvent.RunFinished.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.INTERRUPTED));
  }

  @Test
  void anUndoBlockThatAFirstRecoverFinishedIsNotRunAgain() {
    List<RunEvent> journal = died(RUNBOOK);
    Recovered first = recover(RUNBOOK, journal, true);
    // the first recover dies right after the block finished
    List<RunEvent> longer = new ArrayList<>(journal);
    for (RunEvent e : first.events()) {
      longer.add(e);
      if (e instanceof RunEvent.UndoFinished f && f.id() == 2) {
        assertThat(f.ok()).isTrue();
        break;
      }
    }
    Recovered second = recover(RUNBOOK, longer, true);
    assertThat(second.effects()).containsExactly("unscale a");
    assertThat(undoIds(second.events())).containsExactly(1);
  }

  @Test
  void aBlockThatReadsASecretIsLeftToBeUndoneByHandAndTheStepsInversesStandIn() {
    String text = RunFixture.runbook("""
          step "b" {
            let token = secret("api-token")
            k8s.scale("deployment", "b", 1)
          } undo {
            http.get("http://admin.example/release", headers: {Authorization: token})
          }
        """);
    List<RunEvent> journal = died(text);
    assertThat(journal).filteredOn(RunEvent.UndoScope.class::isInstance)
        .allSatisfy(e -> {
          RunEvent.UndoScope scope = (RunEvent.UndoScope) e;
          assertThat(scope.values()).isEmpty();
          assertThat(scope.notJournaled()).isEqualTo("`token`, a secret");
        });

    Recovered r = recover(text, journal, true);

    assertThat(r.effects()).containsExactly("unscale b");
    assertThat(r.result().remaining()).singleElement().satisfies(u -> {
      assertThat(u.description()).isEqualTo("the undo block of step \"b\"");
      assertThat(u.message()).isEqualTo("the undo block of step \"b\" reads `token`, a secret, "
          + "which is not journaled: undo the step by hand");
    });
    assertThat(r.result().outcome()).isEqualTo(Outcome.UNDO_FAILED);
  }

  @Test
  void noUndoBlockRunsFromAChangedFile() {
    Recovered r = recover(RUNBOOK, died(RUNBOOK), false);
    assertThat(r.effects()).containsExactly("unscale c", "unscale a");
    assertThat(r.result().remaining()).singleElement().satisfies(u -> assertThat(u.message())
        .isEqualTo("the runbook changed since the run: the undo block of step \"b\" is not run "
            + "from the changed file: undo the step by hand"));
    assertThat(r.result().outcome()).isEqualTo(Outcome.UNDO_FAILED);
  }

  @Test
  void aSandboxRunsUndoBlockIsSkippedLikeItsInverses() {
    List<RunEvent> journal = new ArrayList<>(died(RUNBOOK));
    journal.add(1, new RunEvent.RunSource(journal.get(0).time(), "/rb/test.chaos", null,
        "sandbox", null, null, "host", 1));
    Recovered r = recover(RUNBOOK, journal, true);
    assertThat(r.effects()).isEmpty();
    assertThat(r.result().undos()).extracting(UndoResult::description, UndoResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("scale c back (inverse of k8s.scale)",
                UndoResult.Status.SKIPPED),
            org.assertj.core.groups.Tuple.tuple("the undo block of step \"b\"",
                UndoResult.Status.SKIPPED),
            org.assertj.core.groups.Tuple.tuple("scale a back (inverse of k8s.scale)",
                UndoResult.Status.SKIPPED));
    assertThat(r.result().remaining()).isEmpty();
  }

  @Test
  void aLetTheStepNeverBoundFailsTheBlockAsItWouldHaveInTheRun() {
    String text = RunFixture.runbook("""
          step "b" {
            k8s.scale("deployment", "b", 1)
            fail "before the let"
            let key = "api"
          } undo {
            notify.send("gave back ${key}")
          }
        """);
    Recovered r = recover(text, died(text), true);
    assertThat(r.result().remaining()).singleElement().satisfies(u -> assertThat(u.message())
        .startsWith("`key` has no value here: the statement that sets it did not run at "));
  }

  /**
   * The runner died after the block's registration, before the step made any call (its let not
   * bound yet): there is nothing for the block to undo, so it is done without running.
   */
  @Test
  void aBlockWhoseStepMadeNoCallBeforeTheRunnerDiedHasNothingToUndo() {
    String text = RunFixture.runbook("""
          step "b" {
            let key = "api"
            k8s.scale("deployment", "b", 1)
          } undo {
            notify.send("gave back ${key}")
          }
        """);
    List<RunEvent> whole = died(text);
    List<RunEvent> journal = new ArrayList<>();
    for (RunEvent e : whole) {
      journal.add(e);
      if (e instanceof RunEvent.UndoRegistered u && u.kind() == RunResult.UndoResult.Kind.BLOCK) {
        break; // killed right after the registration
      }
    }
    Recovered r = recover(text, journal, true);
    assertThat(r.result().remaining()).isEmpty();
    assertThat(r.effects()).isEmpty();
    assertThat(r.events()).anyMatch(e -> e instanceof RunEvent.UndoFinished f && f.ok());
    assertThat(r.events()).anyMatch(e -> e instanceof RunEvent.Log l
        && l.text().endsWith("its step made no call before the runner died: nothing to undo"));
  }

  @Test
  void eachAttemptOfTheStepJournalsTheBlocksValuesAfreshAsTheStepBindsThem() {
    String text = RunFixture.runbook("""
          let runs = ["first", "second"]
          step "b" retry 1 {
            let n = len(runs)
            k8s.scale("deployment", "b", n)
            fail "not yet"
          } undo {
            notify.send("gave back ${n}")
          }
        """);
    List<RunEvent.UndoScope> scopes = died(text).stream()
        .filter(RunEvent.UndoScope.class::isInstance).map(RunEvent.UndoScope.class::cast)
        .toList();
    // before the registration, attempt 1, `n` bound, attempt 2, `n` bound again
    assertThat(scopes).extracting(RunEvent.UndoScope::values).containsExactly(Map.of(),
        Map.of(), Map.of("n", 2L), Map.of(), Map.of("n", 2L));
    List<RunEvent> events = died(text);
    int firstScope = events.indexOf(events.stream()
        .filter(RunEvent.UndoScope.class::isInstance).findFirst().orElseThrow());
    assertThat(events.get(firstScope + 1)).as("the registration follows its first scope")
        .isInstanceOfSatisfying(RunEvent.UndoRegistered.class,
            u -> assertThat(u.kind()).isEqualTo(RunResult.UndoResult.Kind.BLOCK));
  }
}
