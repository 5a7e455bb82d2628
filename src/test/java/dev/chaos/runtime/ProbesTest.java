package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Guards, `throughout` verifies and observes: their schedule and their three outcomes. */
@Timeout(20)
class ProbesTest {
  @Test
  void throughoutVerifiesCountTrueFalseAndErrorApartAndFailTheRun() {
    // t 0-9 fine, 10-19 too high, 20-29 Prometheus down, then fine again
    Fakes w = new Fakes().flakySeries(t -> t.toSeconds() < 10 ? 0.001
        : t.toSeconds() < 20 ? 0.02 : t.toSeconds() < 30 ? null : 0.001);
    RunFixture.Run r = run(runbook("""
          guard "never trips" every 5s { expect true }
          verify "under 1%" throughout { expect prometheus.scalar("e") < 0.01 }
          step "hold" { wait 40s }
        """), w.backend);
    RunResult.ProbeSummary v = r.result().throughout().get(0);
    // samples at 0, 5, ..., 40: the steps end at 40s, where the last sample may or may not run
    assertThat(v.falses()).isEqualTo(2);
    assertThat(v.errors()).isEqualTo(2);
    assertThat(v.trues()).isBetween(4, 5);
    assertThat(v.firstProblem()).isEqualTo("`prometheus.scalar(\"e\") < 0.01` is false (0.02 < 0.01)");
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().reason()).startsWith("verify \"under 1%\" (throughout) did not hold on 4 of ");
    assertThat(r.events(RunEvent.ProbeSampled.class).stream().map(e -> e.outcome()).distinct())
        .contains(ProbeOutcome.TRUE, ProbeOutcome.FALSE, ProbeOutcome.ERROR);
  }

  @Test
  void observesReportBaselinePeakAndRecovered() {
    Fakes w = new Fakes().series(t -> {
      long s = t.toSeconds();
      return s < 5 ? 0.001 : s < 20 ? 0.03 : s < 25 ? 0.01 : 0.002;
    });
    RunFixture.Run r = run(runbook("""
          observe error_rate = percent(prometheus.scalar("e")) every 5s
          step "wait" { wait 30s }
          recovery within 1m every 5s { expect prometheus.scalar("e") < 0.005 }
        """), w.backend);
    RunResult.ObserveSummary o = r.result().observes().get(0);
    assertThat(o.baseline()).isEqualTo("0.1%");
    assertThat(o.peak()).isEqualTo("3%");
    assertThat(o.recovered()).isEqualTo("0.2%");
    assertThat(o.samples()).isGreaterThanOrEqualTo(7);
    assertThat(o.errors()).isZero();
  }

  @Test
  void thePeakOfAFigureThatDropsIsItsLowest() {
    Fakes w = new Fakes().series(t -> t.toSeconds() >= 5 && t.toSeconds() < 15 ? 2.0 : 5.0);
    RunFixture.Run r = run(runbook("""
          observe ready = prometheus.scalar("ready") every 5s
          step "wait" { wait 20s }
        """), w.backend);
    RunResult.ObserveSummary o = r.result().observes().get(0);
    assertThat(o.baseline()).isEqualTo("5.0");
    assertThat(o.peak()).isEqualTo("2.0");
    assertThat(o.recovered()).isEqualTo("5.0");
  }

  @Test
  void observesGoOnThroughUndoAndRecovery() {
    Fakes w = new Fakes().series(t -> 0.001);
    RunFixture.Run r = run(runbook("""
          observe e = prometheus.scalar("e") every 5s
          step "s" { wait 10s } undo { wait 20s }
          recovery within 1m every 5s { expect false }
        """), w.backend);
    long last = r.events(RunEvent.ProbeSampled.class).stream()
        .filter(e -> "observe".equals(e.kind())).mapToLong(Fakes::at).max().orElseThrow();
    assertThat(last).isEqualTo(90);
    assertThat(r.result().outcome()).isEqualTo(Outcome.NOT_RECOVERED);
  }

  @Test
  void guardsRunOnlyWhileTheStepsDo() {
    Fakes w = new Fakes().series(t -> 0.001);
    RunFixture.Run r = run(runbook("""
          guard "g" every 5s { expect prometheus.scalar("e") < 0.01 }
          step "s" { wait 12s } undo { wait 1m }
        """), w.backend);
    assertThat(r.events(RunEvent.ProbeSampled.class).stream()
        .filter(e -> "guard".equals(e.kind())).map(Fakes::at).toList())
        .containsExactly(0L, 5L, 10L);
  }
}
