package dev.chaos.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rule 5 of the seed's "Production Chaos Rules": stakeholders get 24 h notice. An announcement
 * says which runbook runs in which environment under which lock, from {@code start} to
 * {@code end} (the end of the runbook's `window` that day, or start + max_duration), when it
 * was announced and by whom. A production run may start only inside that span, and only if
 * the notice came at least {@link #NOTICE} before the start.
 */
record Announcement(String runbook, String environment, String lock, Instant start,
    Instant end, Instant announcedAt, String by) {
  static final Duration NOTICE = Duration.ofHours(24);

  /** What a run that was never announced is told to do. */
  static String howTo(String file, String env) {
    return "announce it at least 24h ahead: chaos announce " + file + " --env " + env
        + " --at TIME";
  }

  /**
   * The span announced for a run of {@code header} starting at {@code start}; an error when
   * the start is outside the runbook's window.
   */
  static Instant end(ProdHeader header, Instant start) {
    if (header.hasWindow()) {
      ZonedDateTime at = start.atZone(header.zone());
      LocalDate day = at.toLocalDate();
      boolean spansMidnight = header.windowTo().isBefore(header.windowFrom());
      LocalDate endDay = spansMidnight && !at.toLocalTime().isBefore(header.windowFrom())
          ? day.plusDays(1) : day;
      ZonedDateTime end = endDay.atTime(header.windowTo()).atZone(header.zone());
      ZonedDateTime begin = (spansMidnight && endDay.equals(day) ? day.minusDays(1) : day)
          .atTime(header.windowFrom()).atZone(header.zone());
      if (at.isBefore(begin) || !at.isBefore(end)) {
        throw new IllegalArgumentException("the start " + at.toLocalDateTime() + " "
            + header.zone().getId() + " is outside the runbook's window " + header.window());
      }
      return end.toInstant();
    }
    if (header.maxDuration() == null) {
      throw new IllegalArgumentException("the runbook has neither a `window` nor a literal "
          + "`max_duration`: the announced span would have no end");
    }
    return start.plus(header.maxDuration());
  }

  /** Null when a run of {@code runbook} in {@code env} may start at {@code now}; else why not. */
  String refusal(String runbookName, String env, Instant now) {
    if (!runbookName.equals(runbook)) {
      return "the notice for lock `" + lock + "` announces runbook `" + runbook + "`, not `"
          + runbookName + "`";
    }
    if (!env.equals(environment)) {
      return "the notice announces environment `" + environment + "`, not `" + env + "`";
    }
    Duration ahead = Duration.between(announcedAt, start);
    if (ahead.compareTo(NOTICE) < 0) {
      return "it was announced at " + announcedAt + ", only " + hours(ahead) + " before its "
          + "start " + start + "; stakeholders need 24h notice (announce again for a later "
          + "start)";
    }
    if (now.isBefore(start)) {
      return "it is announced from " + start + " to " + end + "; it is " + seconds(now)
          + ", too early";
    }
    if (!now.isBefore(end)) {
      return "its announced span " + start + " to " + end + " is over (it is " + seconds(now)
          + "); announce it again";
    }
    return null;
  }

  Map<String, String> data() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("runbook", runbook);
    data.put("environment", environment);
    data.put("lock", lock);
    data.put("start", start.toString());
    data.put("end", end.toString());
    data.put("announced-at", announcedAt.toString());
    data.put("announced-by", by);
    return data;
  }

  /** The notice as read back; an error naming the key that is missing or unreadable. */
  static Announcement of(Map<String, String> data, String where) {
    return new Announcement(need(data, "runbook", where), need(data, "environment", where),
        need(data, "lock", where), instant(data, "start", where), instant(data, "end", where),
        instant(data, "announced-at", where), data.getOrDefault("announced-by", "unknown"));
  }

  private static String need(Map<String, String> data, String key, String where) {
    String value = data.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the " + where + " has no `" + key + "`");
    }
    return value;
  }

  private static Instant instant(Map<String, String> data, String key, String where) {
    String text = need(data, key, where);
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("the " + where + " has `" + key + ": " + text
          + "`, not an instant such as 2026-12-04T02:30:00Z");
    }
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static String hours(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : String.format("%02dm", minutes % 60));
  }
}
