package dev.chaos.check;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether every time a {@link CronLine} fires in its zone falls inside a window `from to to` of
 * another zone, as `chaos exec` tests it when the run starts (from included, to excluded; a
 * window whose end is before its start crosses midnight).
 *
 * <p>In one zone (or two with the same rules) the answer depends on the time of day alone: a
 * time that exists fires at that local time, whatever the date. Across zones the difference
 * between their offsets changes with summer time, on dates that differ between the zones, so
 * the firings are walked day by day over a whole Gregorian cycle (400 years, after which dates
 * and days of the week repeat, as do the zones' recurring rules). A day far from every
 * transition of both zones is decided by the offset difference alone (cached), a day near one
 * firing by firing. A local time the schedule's zone skips (clocks going forward) does not fire,
 * as in the CronJob controller; one it repeats (clocks going back) fires at both instants.
 */
final class ScheduleWindow {
  static final int CYCLE_YEARS = 400;
  private static final long DAY = 86_400;

  /** A time the schedule fires outside the window, in both zones. */
  record Firing(ZonedDateTime scheduled, ZonedDateTime inWindowZone) {}

  private final CronLine cron;
  private final ZoneId zone;
  private final LocalTime from;
  private final LocalTime to;
  private final ZoneId windowZone;

  ScheduleWindow(CronLine cron, ZoneId zone, LocalTime from, LocalTime to, ZoneId windowZone) {
    this.cron = cron;
    this.zone = zone;
    this.from = from;
    this.to = to;
    this.windowZone = windowZone;
  }

  boolean inside(LocalTime t) {
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to)
        : !t.isBefore(from) || t.isBefore(to);
  }

  /** Whether the answer depends on the time of day alone. */
  boolean sameClock() {
    return zone.getRules().equals(windowZone.getRules());
  }

  /**
   * In one clock: the first time of day (in the cron's order) outside the window, or null.
   * Only meaningful when {@link #sameClock()}.
   */
  LocalTime firstTimeOutside() {
    for (int h = cron.hours().nextSetBit(0); h >= 0; h = cron.hours().nextSetBit(h + 1)) {
      for (int m = cron.minutes().nextSetBit(0); m >= 0; m = cron.minutes().nextSetBit(m + 1)) {
        if (!inside(LocalTime.of(h, m))) {
          return LocalTime.of(h, m);
        }
      }
    }
    return null;
  }

  /** The first firing outside the window on or after {@code start} (the schedule's date). */
  Firing firstFiringOutside(LocalDate start) {
    LocalDate end = start.plusYears(CYCLE_YEARS);
    long[] transitions = transitions(start.minusDays(2), end.plusDays(2));
    Map<Integer, Integer> outsideByShift = new HashMap<>();
    int next = 0;
    ZoneOffset offset = null;
    ZoneOffset windowOffset = null;
    for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
      if (!cron.firesOn(d)) {
        continue;
      }
      // The day's firings are within 18 hours of this (offsets are at most 18 hours): a day
      // with no transition from one day before to two after has constant offsets.
      long dayStart = d.toEpochDay() * DAY;
      while (next < transitions.length && transitions[next] < dayStart - DAY) {
        next++;
        offset = null;
      }
      boolean nearTransition = next < transitions.length && transitions[next] < dayStart + 2 * DAY;
      if (nearTransition) {
        Firing f = exactly(d);
        if (f != null) {
          return f;
        }
        offset = null;
        continue;
      }
      if (offset == null) {
        Instant noon = d.atTime(12, 0).toInstant(zone.getRules().getOffset(d.atTime(12, 0)));
        offset = zone.getRules().getOffset(noon);
        windowOffset = windowZone.getRules().getOffset(noon);
      }
      int shift = windowOffset.getTotalSeconds() - offset.getTotalSeconds();
      int minute = outsideByShift.computeIfAbsent(shift, this::firstMinuteOutside);
      if (minute >= 0) {
        LocalDateTime local = d.atTime(minute / 60, minute % 60);
        ZonedDateTime scheduled = ZonedDateTime.ofLocal(local, zone, offset);
        return new Firing(scheduled, scheduled.withZoneSameInstant(windowZone));
      }
    }
    return null;
  }

  /**
   * The first minute of the day (h * 60 + m) outside the window when the window's clock is
   * {@code shift} seconds ahead of the schedule's; -1 for none.
   */
  private int firstMinuteOutside(int shift) {
    for (int h = cron.hours().nextSetBit(0); h >= 0; h = cron.hours().nextSetBit(h + 1)) {
      for (int m = cron.minutes().nextSetBit(0); m >= 0; m = cron.minutes().nextSetBit(m + 1)) {
        if (!inside(LocalTime.of(h, m).plusSeconds(shift))) {
          return h * 60 + m;
        }
      }
    }
    return -1;
  }

  /** Each firing of a day near a transition, at its real instants. */
  private Firing exactly(LocalDate d) {
    ZoneRules rules = zone.getRules();
    for (int h = cron.hours().nextSetBit(0); h >= 0; h = cron.hours().nextSetBit(h + 1)) {
      for (int m = cron.minutes().nextSetBit(0); m >= 0; m = cron.minutes().nextSetBit(m + 1)) {
        LocalDateTime local = d.atTime(h, m);
        for (ZoneOffset o : rules.getValidOffsets(local)) { // none in a gap, two in an overlap
          ZonedDateTime scheduled = ZonedDateTime.ofStrict(local, o, zone);
          ZonedDateTime there = scheduled.withZoneSameInstant(windowZone);
          if (!inside(there.toLocalTime())) {
            return new Firing(scheduled, there);
          }
        }
      }
    }
    return null;
  }

  /** The instants (epoch seconds) of the transitions of both zones between two dates, sorted. */
  private long[] transitions(LocalDate first, LocalDate last) {
    TreeSet<Long> out = new TreeSet<>();
    Instant begin = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = last.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (ZoneId z : List.of(zone, windowZone)) {
      ZoneRules rules = z.getRules();
      ZoneOffsetTransition t = rules.nextTransition(begin);
      while (t != null && t.getInstant().isBefore(end)) {
        out.add(t.getInstant().getEpochSecond());
        t = rules.nextTransition(t.getInstant());
      }
    }
    List<Long> sorted = new ArrayList<>(out);
    long[] array = new long[sorted.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = sorted.get(i);
    }
    return array;
  }
}
