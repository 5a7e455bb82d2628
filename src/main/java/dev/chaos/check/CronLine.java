package dev.chaos.check;

import java.time.LocalDate;
import java.time.Month;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A runbook's `schedule` as a Kubernetes CronJob reads it (robfig/cron's standard parser): five
 * fields `minute hour day-of-month month day-of-week`, each a list of `*`, `?`, `N`, `A-B`,
 * with `/step` (`N/step` is `N-max/step`), months `JAN`-`DEC` and days `SUN`-`SAT` by name (day
 * 7 is refused there, so here too); or one of the descriptors `@yearly`, `@annually`,
 * `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`. When both day fields are restricted,
 * a day matching either fires; when one of them starts with `*` (without a step), both must match.
 * `@every` is refused: when it fires depends on when the controller started, so no window can
 * be checked against it.
 */
record CronLine(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
    boolean anyDay, boolean anyWeekday) {
  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
  private static final List<String> FIELDS = List.of("minute", "hour", "day of month", "month",
      "day of week");
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 6};
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri",
      "sat");

  /** A mistake in the line: {@code start} and {@code end} are offsets in its text. */
  static final class Invalid extends Exception {
    final int start;
    final int end;
    final String label;
    final String help;

    Invalid(int start, int end, String message, String label, String help) {
      super(message, null, false, false);
      this.start = start;
      this.end = end;
      this.label = label;
      this.help = help;
    }
  }

  static CronLine parse(String text) throws Invalid {
    int first = 0;
    while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("@")) {
      return descriptor(text, first, trimmed);
    }
    if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
      int end = trimmed.indexOf(' ') < 0 ? text.length() : first + trimmed.indexOf(' ');
      throw new Invalid(first, end, "a time zone inside the cron line", "a CronJob refuses it",
          "give it with `zone`: `schedule \"0 3 * * *\" zone \"Europe/Paris\"`");
    }
    int[][] spans = new int[6][2];
    int n = 0;
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (n < spans.length) {
        spans[n] = new int[] {start, i};
      }
      n++;
    }
    if (n != 5) {
      throw new Invalid(0, text.length(), "the schedule has " + n + (n == 1 ? " field" : " fields")
          + ", not five", "a cron line is `minute hour day-of-month month day-of-week`",
          "for example `\"30 2 * * MON-FRI\"` (02:30 on weekdays), or `\"@daily\"`");
    }
    BitSet[] sets = new BitSet[5];
    boolean[] star = new boolean[5];
    for (int f = 0; f < 5; f++) {
      sets[f] = new BitSet();
      star[f] = field(text, spans[f][0], spans[f][1], f, sets[f]);
    }
    CronLine line = new CronLine(sets[0], sets[1], sets[2], sets[3], sets[4], star[2], star[4]);
    if (!line.firesOnSomeDay()) {
      throw new Invalid(spans[2][0], spans[3][1], "the schedule never fires",
          "no month has " + (sets[2].cardinality() == 1 ? "this day" : "these days"),
          "a CronJob with it would never run");
    }
    return line;
  }

  private static CronLine descriptor(String text, int first, String trimmed) throws Invalid {
    int end = first + trimmed.length();
    String line = DESCRIPTORS.get(trimmed);
    if (line != null) {
      try {
        return parse(line);
      } catch (Invalid e) {
        throw new IllegalStateException(e); // the descriptors are valid lines
      }
    }
    if (trimmed.startsWith("@every")) {
      throw new Invalid(first, end, "`@every` cannot be checked against the window",
          "when it fires depends on when the CronJob controller started",
          "give the times in five fields: `\"*/30 2-4 * * *\"`");
    }
    String word = trimmed.split("\\s+")[0];
    throw new Invalid(first, first + word.length(), "unknown schedule `" + word + "`",
        "not a descriptor a CronJob knows", Reporter.didYouMean(word,
            new java.util.TreeSet<>(DESCRIPTORS.keySet())));
  }

  /** Adds the values of field {@code f} to {@code out}; whether it is a `*` (no step). */
  private static boolean field(String text, int start, int end, int f, BitSet out) throws Invalid {
    boolean star = false;
    int partStart = start;
    while (partStart <= end) {
      int comma = text.indexOf(',', partStart);
      int partEnd = comma < 0 || comma > end ? end : comma;
      star |= part(text, partStart, partEnd, f, out);
      partStart = partEnd + 1;
    }
    return star;
  }

  private static boolean part(String text, int start, int end, int f, BitSet out) throws Invalid {
    String part = text.substring(start, end);
    if (part.isEmpty()) {
      throw new Invalid(start, Math.max(end, start + 1), "empty list item in the " + FIELDS.get(f)
          + " field", "nothing between the commas", "remove the extra `,`");
    }
    int slash = part.indexOf('/');
    String range = slash < 0 ? part : part.substring(0, slash);
    int step = 1;
    if (slash >= 0) {
      String s = part.substring(slash + 1);
      int sStart = start + slash + 1;
      Integer v = s.matches("[0-9]{1,9}") ? Integer.valueOf(s) : null;
      if (v == null || v == 0) {
        throw new Invalid(sStart, Math.max(end, sStart + 1), "invalid step `" + s + "` in the "
            + FIELDS.get(f) + " field", "a step is a whole number above 0", null);
      }
      step = v;
    }
    int from;
    int to;
    boolean star = false;
    if (range.equals("*") || range.equals("?")) {
      from = MIN[f];
      to = MAX[f];
      star = step == 1;
    } else {
      int dash = range.indexOf('-');
      if (dash < 0) {
        from = value(text, start, start + range.length(), f);
        to = slash >= 0 ? MAX[f] : from;
      } else {
        from = value(text, start, start + dash, f);
        to = value(text, start + dash + 1, start + range.length(), f);
        if (from > to) {
          throw new Invalid(start, start + range.length(), "the range `" + range + "` in the "
              + FIELDS.get(f) + " field runs backwards", "from " + from + " down to " + to,
              "a range goes up: `" + range.substring(dash + 1) + "-" + range.substring(0, dash)
                  + "` is not what a CronJob reads either; list the values instead");
        }
      }
    }
    for (int v = from; v <= to; v += step) {
      out.set(v);
    }
    return star;
  }

  private static int value(String text, int start, int end, int f) throws Invalid {
    String v = text.substring(start, end);
    String field = FIELDS.get(f);
    List<String> names = f == 3 ? MONTHS : f == 4 ? WEEKDAYS : List.of();
    int named = names.indexOf(v.toLowerCase(Locale.ROOT));
    if (named >= 0) {
      return named + (f == 3 ? 1 : 0);
    }
    if (v.matches("[0-9]{1,9}")) {
      int n = Integer.parseInt(v);
      if (n >= MIN[f] && n <= MAX[f]) {
        return n;
      }
      String help = f == 4 && n == 7 ? "Sunday is 0 (or `SUN`): a CronJob refuses 7" : null;
      throw new Invalid(start, end, "`" + v + "` is out of range in the " + field + " field",
          "the " + field + " goes from " + MIN[f] + " to " + MAX[f], help);
    }
    String help = names.isEmpty() ? null : Reporter.didYouMean(v.toUpperCase(Locale.ROOT),
        names.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
    throw new Invalid(start, Math.max(end, start + 1), "`" + v + "` is not a value of the "
        + field + " field", f == 3 ? "a month is 1 to 12 or JAN to DEC"
            : f == 4 ? "a day of the week is 0 to 6 or SUN to SAT"
            : "the " + field + " is a number from " + MIN[f] + " to " + MAX[f], help);
  }

  /** Whether the line fires on {@code date} (at the hours and minutes of its fields). */
  boolean firesOn(LocalDate date) {
    if (!months.get(date.getMonthValue())) {
      return false;
    }
    boolean day = days.get(date.getDayOfMonth());
    boolean weekday = weekdays.get(date.getDayOfWeek().getValue() % 7);
    return anyDay || anyWeekday ? day && weekday : day || weekday;
  }

  /** False for lines like `0 0 30 2 *`, which a CronJob accepts and never runs. */
  private boolean firesOnSomeDay() {
    if (!anyDay && !anyWeekday) {
      return true; // a day of the week matches every week
    }
    for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
      int longest = Month.of(m).maxLength();
      int d = days.nextSetBit(1);
      if (d >= 0 && d <= longest) {
        return true; // with `*` in one day field, the other's values all occur in some year
      }
    }
    return false;
  }
}
