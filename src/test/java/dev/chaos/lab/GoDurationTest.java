package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsWhatGoReads() {
    assertThat(GoDuration.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(GoDuration.parse("1500000us")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("2h45m10s")).isEqualTo(Duration.ofSeconds(2 * 3600 + 45 * 60 + 10));
    assertThat(GoDuration.parse("1s1s")).isEqualTo(Duration.ofSeconds(2)); // Go adds repeats
    assertThat(GoDuration.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refusesWhatGoRefuses() {
    for (String bad : new String[] {"", "5", "1d", "ms", "1.5", "s5", "1m-3s"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Go duration");
    }
  }
}
