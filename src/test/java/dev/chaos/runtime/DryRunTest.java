package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** `--dry-run`: the read-only parts run for real, mutations are shown and never made. */
@Timeout(20)
class DryRunTest {
  private static final String RUNBOOK = runbook("""
        blast_radius 30%
        let target = "api"
        precondition "low" { expect prometheus.scalar("e") < 0.01 }
        observe e = prometheus.scalar("e") every 5s
        guard "g" every 5s { expect prometheus.scalar("e") < 0.05 }
        step "scale" {
          let before = k8s.scale("deployment", target, 1)
          wait 10m
          expect before == 3
        }
        step "page" { notify.send("scaled ${target}") } undo { notify.send("undo page") }
        rollback { k8s.scale("deployment", target, 3) }
        recovery within 1m { expect false }
      """);

  @Test
  void dryRunMakesNoMutationAndShowsEachWithItsArguments() {
    Fakes w = new Fakes().series(t -> 0.001);
    RunFixture.Run r = run(RUNBOOK, w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(r.result().outcome()).as(r.result().reason()).isEqualTo(Outcome.PASSED);
    assertThat(w.effects()).isEmpty();
    // each mutation reached its driver, which previewed it instead of making it
    assertThat(w.backend.calls()).containsSubsequence("k8s.scale", "notify.send",
        "notify.send", "k8s.scale");
    assertThat(r.events(RunEvent.Call.class)).extracting(e -> e.fn() + " " + e.args())
        .containsExactly(
            "k8s.scale {kind=deployment, name=api, replicas=1}",
            "notify.send {text=scaled api}",
            "notify.send {text=undo page}",
            "k8s.scale {kind=deployment, name=api, replicas=3}");
    assertThat(r.events(RunEvent.Call.class)).allMatch(RunEvent.Call::dryRun);
    assertThat(r.events(RunEvent.Call.class).get(0).inverse())
        .isEqualTo("scales back to the previous number of replicas");
    assertThat(w.backend.elapsed()).isZero();
    assertThat(r.result().guards().get(0).samples()).isEqualTo(1);
  }

  @Test
  void theDriversPreviewsMakeThePlanWithTheUndoItWouldRegister() {
    Fakes w = new Fakes().series(t -> 0.001);
    RunFixture.Run r = run(RUNBOOK, w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(r.result().plan()).extracting(p -> p.where() + ": " + p.preview().action())
        .containsExactly(
            "step \"scale\": scale deployment/api from 3 to 1 replicas",
            "step \"page\": send scaled api",
            "undo \"page\": send undo page",
            "rollback: scale deployment/api from 3 to 3 replicas");
    assertThat(r.result().plan().get(0).preview().targets()).containsExactly("deployment/api");
    // the rollback's own inverse is never registered: nothing undoes an undo
    assertThat(r.result().plannedUndo()).containsExactly("scale api back to 3");
    assertThat(r.events(RunEvent.Previewed.class)).extracting(RunEvent.Previewed::fn)
        .containsExactly("k8s.scale", "notify.send", "notify.send", "k8s.scale");
    assertThat(r.events(RunEvent.Previewed.class).get(0).targets())
        .containsExactly("deployment/api");
  }

  @Test
  void aMutationThatAnswersADryRunWithoutAPreviewStopsTheRun() {
    Fakes w = new Fakes().series(t -> 0.001);
    w.backend.on("k8s.scale", (a, c) -> dev.chaos.types.Value.integer(3));
    RunFixture.Run r = run(RUNBOOK, w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().steps().get(0).message()).contains("`k8s.scale` answered a dry run"
        + " without a preview of what it would change");
    assertThat(r.result().plan()).extracting(RunResult.Planned::fn).doesNotContain("k8s.scale");
  }

  @Test
  void aMutationThatWouldFailFailsTheDryRunToo() {
    Fakes w = new Fakes().series(t -> 0.001);
    w.backend.on("k8s.scale", (a, c) -> {
      throw new IllegalArgumentException("deployment/api not found");
    });
    RunFixture.Run r = run(RUNBOOK, w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().steps().get(0).message()).contains("deployment/api not found");
    assertThat(w.effects()).isEmpty();
  }

  @Test
  void dryRunStopsAtAFailedPrecondition() {
    Fakes w = new Fakes().series(t -> 0.5);
    RunFixture.Run r = run(RUNBOOK, w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(r.result().outcome()).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(r.events(RunEvent.Call.class)).isEmpty();
  }
}
