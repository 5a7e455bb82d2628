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
    assertThat(w.backend.calls()).containsOnly("prometheus.scalar");
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
  void dryRunStopsAtAFailedPrecondition() {
    Fakes w = new Fakes().series(t -> 0.5);
    RunFixture.Run r = run(RUNBOOK, w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(r.result().outcome()).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(r.events(RunEvent.Call.class)).isEmpty();
  }
}
