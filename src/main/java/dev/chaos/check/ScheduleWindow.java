package dev.chaos.check;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * the firings are walked day by day over 28 years. Summer time follows yearly rules (the last
 * Sunday of March...), so what a year does depends on its calendar: on which day of the week it
 * starts and whether it is a leap year. 28 consecutive years before 2100 hold all 14 calendars,
 * so they show whatever any later year would, as far as the zones' rules are known today. A day
 * far from every transition of both zones is decided by the offset difference alone (cached), a
 * day near one firing by firing. A local time the schedule's zone skips (clocks going forward) does not fire,
 * as in the CronJob controller; one it repeats (clocks going back) fires at both instants.
 */
final class ScheduleWindow {
  static final int YEARS = 28;
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
    LocalDate end = start.plusYears(YEARS);
    Offsets scheduleOffsets = new Offsets(zone, start.minusDays(3), end.plusDays(3));
    Offsets windowOffsets = new Offsets(windowZone, start.minusDays(3), end.plusDays(3));
    long[] transitions = merge(scheduleOffsets.at, windowOffsets.at);
    Map<Integer, Integer> outsideByShift = new HashMap<>();
    int next = 0;
    long last = end.toEpochDay() - 1;
    for (long day = start.toEpochDay(); day <= last; ) {
      // The day's firings are within 18 hours of this (offsets are at most 18 hours): a day
      // with no transition from one day before to two after has constant offsets.
      long dayStart = day * DAY;
      while (next < transitions.length && transitions[next] < dayStart - DAY) {
        next++;
      }
      if (next < transitions.length && transitions[next] < dayStart + 2 * DAY) {
        Firing f = cron.firesOn(LocalDate.ofEpochDay(day))
            ? exactly(day, scheduleOffsets, windowOffsets) : null;
        if (f != null) {
          return f;
        }
        day++;
        continue;
      }
      // Every day up to two before the next transition has the same offsets as this one.
      long lastFar = next < transitions.length
          ? Math.min(last, Math.floorDiv(transitions[next] - 2 * DAY, DAY)) : last;
      int offset = scheduleOffsets.at(dayStart);
      int shift = windowOffsets.at(dayStart - offset) - offset;
      int minute = outsideByShift.computeIfAbsent(shift, this::firstMinuteOutside);
      for (; day <= lastFar; day++) {
        LocalDate d = LocalDate.ofEpochDay(day);
        if (minute >= 0 && cron.firesOn(d)) {
          ZonedDateTime scheduled = ZonedDateTime.ofLocal(d.atTime(minute / 60, minute % 60), zone,
              ZoneOffset.ofTotalSeconds(offset));
          return new Firing(scheduled, scheduled.withZoneSameInstant(windowZone));
        }
        if (minute < 0) {
          day = lastFar; // the whole stretch is inside
        }
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
        if (!insideAt(h * 3600 + m * 60 + shift)) {
          return h * 60 + m;
        }
      }
    }
    return -1;
  }

  /**
   * Each firing of a day near a transition, at its real instants: a local time is at instant
   * {@code local - o} for each offset o the zone has there, none in a gap, two in an overlap.
   */
  private Firing exactly(long day, Offsets scheduleOffsets, Offsets windowOffsets) {
    long dayStart = day * DAY;
    int[] candidates = scheduleOffsets.around(dayStart - 2 * DAY, dayStart + 3 * DAY);
    for (int h = cron.hours().nextSetBit(0); h >= 0; h = cron.hours().nextSetBit(h + 1)) {
      for (int m = cron.minutes().nextSetBit(0); m >= 0; m = cron.minutes().nextSetBit(m + 1)) {
        long local = dayStart + h * 3600L + m * 60L;
        for (int o : candidates) { // the largest offset first: the earlier instant
          long instant = local - o;
          if (scheduleOffsets.at(instant) == o
              && !insideAt(Math.floorMod(instant + windowOffsets.at(instant), DAY))) {
            ZonedDateTime scheduled = ZonedDateTime.ofInstant(Instant.ofEpochSecond(instant), zone);
            return new Firing(scheduled, scheduled.withZoneSameInstant(windowZone));
          }
        }
      }
    }
    return null;
  }

  private boolean insideAt(long secondOfDay) {
    return inside(LocalTime.ofSecondOfDay(Math.floorMod(secondOfDay, DAY)));
  }

  /** A zone's offsets over a span: its transitions' instants and the offset after each. */
  private static final class Offsets {
    final long[] at;
    private final int[] after;
    private final int before;

    Offsets(ZoneId zone, LocalDate first, LocalDate last) {
      ZoneRules rules = zone.getRules();
      Instant begin = first.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = last.atStartOfDay(ZoneOffset.UTC).toInstant();
      before = rules.getOffset(begin).getTotalSeconds();
      List<ZoneOffsetTransition> found = new ArrayList<>();
      for (ZoneOffsetTransition t = rules.nextTransition(begin);
          t != null && t.getInstant().isBefore(end); t = rules.nextTransition(t.getInstant())) {
        found.add(t);
      }
      at = new long[found.size()];
      after = new int[found.size()];
      for (int i = 0; i < at.length; i++) {
        at[i] = found.get(i).getInstant().getEpochSecond();
        after[i] = found.get(i).getOffsetAfter().getTotalSeconds();
      }
    }

    /** The offset at an instant (epoch seconds). */
    int at(long instant) {
      int i = Arrays.binarySearch(at, instant);
      int index = i >= 0 ? i : -i - 2; // the last transition at or before the instant
      return index < 0 ? before : after[index];
    }

    /** The offsets the zone has between two instants, largest first. */
    int[] around(long from, long to) {
      TreeSet<Integer> offsets = new TreeSet<>(Comparator.reverseOrder());
      offsets.add(at(from));
      for (int i = 0; i < at.length; i++) {
        if (at[i] >= from && at[i] < to) {
          offsets.add(after[i]);
        }
      }
      return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static long[] merge(long[] a, long[] b) {
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    return all;
  }
}
