package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsWhatGoParses() {
    assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse("1500000us")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
    assertThat(GoDuration.parse("1m1m")).isEqualTo(Duration.ofMinutes(2)); // Go adds repeats
    assertThat(GoDuration.parse("-10m100ns")).isEqualTo(Duration.ofMinutes(-10).minusNanos(100));
    assertThat(GoDuration.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refusesWhatGoRefuses() {
    for (String bad : new String[] {"", "10", "1d", "10 s", "s", "1.s2", "--1s", "1e3s"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Go duration");
    }
    assertThatThrownBy(() -> GoDuration.parse("3000000h"))
        .hasMessageContaining("longer than a Go duration holds");
  }

  @Test
  void everyDurationReadsBackFromItsOwnNanoseconds() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    System.out.println("GoDurationTest seed " + seed);
    for (int i = 0; i < 500; i++) {
      long h = random.nextInt(1000);
      long m = random.nextInt(60);
      long us = random.nextInt(1_000_000);
      Duration expected = Duration.ofHours(h).plusMinutes(m).plusNanos(us * 1000);
      assertThat(GoDuration.parse(h + "h" + m + "m" + us + "us")).as("seed " + seed)
          .isEqualTo(expected);
    }
  }
}
