package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ScheduleWindow's walk (time of day, cached offset differences, exact days near transitions)
 * agrees with the plainest reading: every minute of a year, taken as an instant, fires when
 * its local time in the schedule's zone matches the cron line, and must then be inside the
 * window in the window's zone. Zones with summer time on different dates and hemispheres.
 */
class ScheduleWindowPropertyTest {
  private static final List<String> ZONES = List.of("UTC", "Europe/Paris", "Europe/London",
      "America/New_York", "America/Chicago", "Australia/Sydney", "Asia/Kolkata",
      "Australia/Lord_Howe", "America/Santiago");
  private static final LocalDate START = LocalDate.of(2027, 1, 1);

  @Test
  void theWalkFindsTheFirstFiringOutsideAsMinuteByMinuteDoes() throws CronLine.Invalid {
    long seed = Long.getLong("chaos.schedule.seed", System.nanoTime());
    System.out.println("ScheduleWindowPropertyTest seed: " + seed
        + " (replay with -Dchaos.schedule.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 6; round++) {
      ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
      ZoneId windowZone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
      LocalTime from = LocalTime.of(random.nextInt(24), random.nextInt(4) * 15);
      LocalTime to = from.plusMinutes(60 + random.nextInt(6) * 30);
      // hours near the window in the schedule's zone, so some rounds pass and some do not
      LocalTime near = from.plusSeconds(zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds()
          - windowZone.getRules().getOffset(Instant.EPOCH).getTotalSeconds())
          .plusMinutes(random.nextInt(5) * 15);
      int hour = near.getHour();
      String line = near.getMinute() + " " + hour
          + (random.nextBoolean() ? "," + ((hour + 1) % 24) : "") + " "
          + (random.nextBoolean() ? "*" : "1-10") + " * " + (random.nextBoolean() ? "*" : "SUN");
      String what = line + " in " + zone + ", window " + from + " to " + to + " " + windowZone;
      CronLine cron = CronLine.parse(line);
      ScheduleWindow fit = new ScheduleWindow(cron, zone, from, to, windowZone);
      ZonedDateTime plain = minuteByMinute(cron, fit, zone, windowZone, START.plusYears(1));
      ScheduleWindow.Firing walked = fit.firstFiringOutside(START);
      if (plain != null) {
        assertThat(walked).as(what).isNotNull();
        assertThat(walked.scheduled().toInstant()).as(what).isEqualTo(plain.toInstant());
      } else if (walked != null) {
        assertThat(walked.scheduled().toLocalDate()).as(what).isAfterOrEqualTo(START.plusYears(1).minusDays(1));
      }
      if (fit.sameClock()) {
        LocalTime t = fit.firstTimeOutside();
        assertThat(t == null).as(what).isEqualTo(plain == null);
      }
    }
  }

  private static ZonedDateTime minuteByMinute(CronLine cron, ScheduleWindow fit, ZoneId zone,
      ZoneId windowZone, LocalDate end) {
    Instant t = START.atStartOfDay(zone).toInstant();
    Instant stop = end.atStartOfDay(zone).toInstant();
    for (; t.isBefore(stop); t = t.plus(1, ChronoUnit.MINUTES)) {
      ZonedDateTime local = t.atZone(zone);
      if (cron.minutes().get(local.getMinute()) && cron.hours().get(local.getHour())
          && cron.firesOn(local.toLocalDate())
          && !fit.inside(t.atZone(windowZone).toLocalTime())) {
        return local;
      }
    }
    return null;
  }
}
