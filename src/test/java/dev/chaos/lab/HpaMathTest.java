package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** The lab HPA's arithmetic, as the Kubernetes HPA computes it. */
class HpaMathTest {
  private static final long S = 1_000_000_000L;

  @Test
  void scalesByTheRatioOfUtilizationToTargetWithinMinAndMax() {
    // 3 pods at 140% of a 70% target: twice as many
    assertThat(HpaMath.desired(3, 3, 140, 70, 3, 10)).isEqualTo(6);
    // far above: capped at max
    assertThat(HpaMath.desired(3, 3, 600, 70, 3, 10)).isEqualTo(10);
    // idle: not below min
    assertThat(HpaMath.desired(10, 10, 5, 70, 3, 10)).isEqualTo(3);
    // ceil: 3 × 80/70 = 3.43 -> 4
    assertThat(HpaMath.desired(3, 3, 80, 70, 3, 10)).isEqualTo(4);
  }

  @Test
  void aRatioWithinTheTenPercentToleranceChangesNothing() {
    assertThat(HpaMath.desired(5, 5, 76, 70, 3, 10)).isEqualTo(5);
    assertThat(HpaMath.desired(5, 5, 64, 70, 3, 10)).isEqualTo(5);
  }

  @Test
  void scaleUpIsImmediateAndScaleDownWaitsOutTheWindow() {
    Deque<HpaMath.Recommendation> recent = new ArrayDeque<>();
    Duration window = Duration.ofSeconds(60);
    recent.add(new HpaMath.Recommendation(10, 0));
    assertThat(HpaMath.stabilized(recent, 3, 10, 0, window)).isEqualTo(10);
    // the load is gone 10 s later: the 10 recommended within the window holds
    recent.add(new HpaMath.Recommendation(3, 10 * S));
    assertThat(HpaMath.stabilized(recent, 10, 3, 10 * S, window)).isEqualTo(10);
    recent.add(new HpaMath.Recommendation(3, 50 * S));
    assertThat(HpaMath.stabilized(recent, 10, 3, 50 * S, window)).isEqualTo(10);
    // once the 10 is older than the window, down to the highest left: 3
    recent.add(new HpaMath.Recommendation(3, 61 * S));
    assertThat(HpaMath.stabilized(recent, 10, 3, 61 * S, window)).isEqualTo(3);
  }
}
