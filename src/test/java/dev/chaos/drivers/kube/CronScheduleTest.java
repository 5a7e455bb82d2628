package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Instant T = Instant.parse("2025-01-06T03:00:10Z"); // a Monday

  @Test
  void everyRunsItsIntervalAfterTheStartAtWholeSeconds() {
    assertThat(CronSchedule.parse("s", "@every 5s").next(T))
        .isEqualTo(Instant.parse("2025-01-06T03:00:15Z"));
    assertThat(CronSchedule.parse("s", "@every 1500ms").next(T.plusMillis(300)))
        .isEqualTo(Instant.parse("2025-01-06T03:00:11Z"));
  }

  @Test
  void cronLinesRunAtTheirNextMatchingMinuteInUtc() {
    assertThat(CronSchedule.parse("s", "*/5 * * * *").next(T))
        .isEqualTo(Instant.parse("2025-01-06T03:05:00Z"));
    assertThat(CronSchedule.parse("s", "@hourly").next(T))
        .isEqualTo(Instant.parse("2025-01-06T04:00:00Z"));
    assertThat(CronSchedule.parse("s", "30 2 * * 0").next(T)) // Sundays at 02:30
        .isEqualTo(Instant.parse("2025-01-12T02:30:00Z"));
    assertThat(CronSchedule.parse("s", "0 9 1 * 1-5").next(T)) // the 1st or a weekday
        .isEqualTo(Instant.parse("2025-01-06T09:00:00Z"));
  }

  @Test
  void badLinesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("Schedule `s` `schedule`", "* * *"))
        .hasMessage("Schedule `s` `schedule` `* * *` has 3 fields: a cron line has five"
            + " (minute hour day-of-month month day-of-week)");
    assertThatThrownBy(() -> CronSchedule.parse("f", "@every 5"))
        .hasMessageContaining("is not a Go duration");
  }
}
