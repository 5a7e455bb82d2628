package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KillCountTest {
  private static final String PODS = "labelled `app=api` in namespace shop";

  private static int byFraction(int matching, double fraction, Double cap) {
    return KillCount.decide(matching, fraction, null, cap, PODS).count();
  }

  private static int byCount(int matching, long count, Double cap) {
    return KillCount.decide(matching, null, count, cap, PODS).count();
  }

  @Test
  void aFractionRoundsUpToAtLeastOnePodWithoutABlastRadius() {
    assertThat(byFraction(5, 30, null)).isEqualTo(2);
    assertThat(byFraction(10, 30, null)).isEqualTo(3);
    assertThat(byFraction(3, 1, null)).isEqualTo(1);
    assertThat(byFraction(4, 100, null)).isEqualTo(4);
  }

  @Test
  void aFractionNeverRoundsUpPastTheBlastRadius() {
    assertThat(byFraction(10, 30, 30.0)).isEqualTo(3);
    assertThat(byFraction(5, 30, 30.0)).isEqualTo(1);
    assertThat(byFraction(5, 30, 40.0)).isEqualTo(2);
    assertThat(KillCount.decide(5, 30.0, null, 30.0, PODS).note()).isEqualTo("30% of 5 pods"
        + " rounds up to 2 (40%); killing 1 (20%) to stay within the runbook's blast_radius 30%");
    assertThat(KillCount.decide(10, 30.0, null, 30.0, PODS).note()).isEmpty();
  }

  @Test
  void whatTheBlastRadiusCannotAllowIsRefusedWithTheNumbers() {
    assertThatThrownBy(() -> byFraction(10, 40, 30.0))
        .isInstanceOf(KillCount.Refused.class)
        .hasMessage("fraction: 40% is more than the runbook's blast_radius 30%");
    assertThatThrownBy(() -> byFraction(2, 30, 30.0))
        .hasMessage("30% of the 2 pods " + PODS + " is at least 1 pod (50%), more than the"
            + " runbook's blast_radius 30%");
    assertThatThrownBy(() -> byCount(5, 2, 30.0))
        .hasMessage("killing 2 of the 5 pods " + PODS + " (40%) is more than the runbook's"
            + " blast_radius 30%");
  }

  @Test
  void aCountIsTakenAsGivenWithinTheBlastRadius() {
    assertThat(byCount(5, 1, 30.0)).isEqualTo(1);
    assertThat(byCount(10, 3, 30.0)).isEqualTo(3);
    assertThat(byCount(5, 5, null)).isEqualTo(5);
  }

  @Test
  void impossibleKillsAreRefused() {
    assertThatThrownBy(() -> byCount(0, 1, null))
        .hasMessage("no pods " + PODS + ": nothing to kill");
    assertThatThrownBy(() -> byCount(5, 0, null))
        .hasMessage("count: 0 kills nothing; give at least 1");
    assertThatThrownBy(() -> byCount(5, 6, null))
        .hasMessage("count: 6 is more than the 5 pods " + PODS);
    assertThatThrownBy(() -> byFraction(5, 0, null))
        .hasMessage("fraction: 0% is not a share of pods; give one above 0% and at most 100%");
    assertThatThrownBy(() -> byFraction(5, 150, null))
        .hasMessageStartingWith("fraction: 150% is not a share of pods");
  }
}
