package dev.chaos.drivers.kube;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A Schedule's `schedule` as Chaos Mesh reads it (robfig/cron, standard parser, in UTC): five
 * fields `minute hour day-of-month month day-of-week` with `*`, `N`, `A-B`, lists and `/step`,
 * `?` as `*`; the descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
 * `@midnight`, `@hourly`; and `@every D` (a Go duration, first run D after the start, at whole
 * seconds). Day of month and day of week: when both are restricted, a day matching either runs.
 */
public record CronSchedule(Duration every, BitSet minutes, BitSet hours, BitSet days,
    BitSet months, BitSet weekdays, boolean anyDay, boolean anyWeekday) {
  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  /** @throws IllegalArgumentException naming {@code field} */
  public static CronSchedule parse(String field, String text) {
    String t = text.trim();
    if (t.startsWith("@every")) {
      Duration d;
      try {
        d = GoDuration.parse(t.substring("@every".length()).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + " `" + text + "`: " + e.getMessage());
      }
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        d = Duration.ofSeconds(1); // robfig/cron runs `@every` at most once a second
      }
      return new CronSchedule(d.truncatedTo(ChronoUnit.SECONDS), null, null, null, null, null,
          true, true);
    }
    if (t.startsWith("TZ=") || t.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException(field + " `" + text + "`: a time zone is not read"
          + " here; write the schedule in UTC");
    }
    String line = DESCRIPTORS.getOrDefault(t.toLowerCase(Locale.ROOT), t);
    if (line.startsWith("@")) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a descriptor robfig/cron"
          + " knows (@every D, @hourly, @daily, @weekly, @monthly, @yearly)");
    }
    String[] f = line.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException(field + " `" + text + "` has " + f.length
          + " fields: a cron line has five (minute hour day-of-month month day-of-week)");
    }
    return new CronSchedule(null, set(field, text, f[0], 0, 59), set(field, text, f[1], 0, 23),
        set(field, text, f[2], 1, 31), set(field, text, f[3], 1, 12),
        weekdays(set(field, text, f[4], 0, 7)), star(f[2]), star(f[4]));
  }

  /** The first run strictly after {@code after}; null when there is none within 5 years. */
  public Instant next(Instant after) {
    if (every != null) {
      return after.truncatedTo(ChronoUnit.SECONDS).plus(every);
    }
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime end = t.plusYears(5);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.withHour(0).withMinute(0).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t.toInstant();
      }
    }
    return null;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean day = days.get(t.getDayOfMonth());
    boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (anyDay || anyWeekday) {
      return day && weekday;
    }
    return day || weekday;
  }

  private static boolean star(String f) {
    return f.equals("*") || f.equals("?");
  }

  private static BitSet weekdays(BitSet set) {
    if (set.get(7)) {
      set.set(0); // 7 is Sunday too
    }
    return set;
  }

  private static BitSet set(String field, String text, String spec, int min, int max) {
    BitSet out = new BitSet();
    for (String part : spec.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(field, text, part.substring(slash + 1), 1, Integer.MAX_VALUE);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        from = number(field, text, range.substring(0, range.indexOf('-')), min, max);
        to = number(field, text, range.substring(range.indexOf('-') + 1), min, max);
      } else {
        from = number(field, text, range, min, max);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw new IllegalArgumentException(field + " `" + text + "`: range `" + range
            + "` runs backwards");
      }
      for (int i = from; i <= to; i += step) {
        out.set(i);
      }
    }
    return out;
  }

  private static int number(String field, String text, String n, int min, int max) {
    try {
      int v = Integer.parseInt(n);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(field + " `" + text + "`: `" + n + "` is not a number"
        + " from " + min + " to " + Math.min(max, Integer.MAX_VALUE));
  }
}
