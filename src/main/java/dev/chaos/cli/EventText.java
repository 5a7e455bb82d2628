package dev.chaos.cli;

import dev.chaos.runtime.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A run event as one line of console output, or null when the event is not worth a line at this
 * verbosity: by default the phases, checks, steps, mutations, waits, logs, records, undo and
 * every probe sample that was not `true`; with `--verbose` also every sample, every read and
 * every undo registration.
 */
final class EventText {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final boolean verbose;

  EventText(boolean verbose) {
    this.verbose = verbose;
  }

  /** `03:00:05 +5s `: the run clock (UTC) and the time since the run started. */
  static String stamp(Instant time, Instant start) {
    Duration since = start == null ? Duration.ZERO : Duration.between(start, time);
    return CLOCK.format(time) + " +" + dev.chaos.types.ValueFormat.duration(since);
  }

  String line(RunEvent e) {
    switch (e.type()) {
      case RUN_STARTED:
        return "run \"" + e.text("runbook") + "\" (" + e.text("title") + ") in "
            + e.text("environment") + (Boolean.TRUE.equals(e.get("dry_run")) ? ", dry run" : "");
      case PHASE: {
        String phase = e.text("phase");
        return phase.equals("steps ended") || phase.equals("report") ? null : "-- " + phase;
      }
      case LET:
        return verbose ? "let " + e.text("name") + " = " + e.text("value") : null;
      case CHECK:
        return e.text("kind") + " \"" + e.text("name") + "\": " + outcome(e);
      case SAMPLE:
        return sample(e);
      case STEP_STARTED:
        return "step \"" + e.text("step") + "\" started" + (e.get("dry_run") != null
            ? " (dry run)" : "");
      case STEP_FINISHED:
        return "step \"" + e.text("step") + "\" " + e.text("status")
            + (e.get("message") == null ? "" : ": " + e.text("message"))
            + (e.get("where") == null || e.text("where").isEmpty() ? "" : " at " + e.text("where"));
      case CALL:
        // in a dry run the driver's preview says it better; the raw call is for --verbose
        return e.get("dry_run") != null && !verbose ? null : call(e);
      case PREVIEW:
        return preview(e);
      case CALL_RESULT:
        return callResult(e);
      case WAIT:
        return waitLine(e);
      case LOG:
        return !verbose && "detail".equals(e.text("level")) ? null : "log: " + e.text("text");
      case RECORD:
        return "record " + e.text("name") + " = " + e.text("value");
      case UNDO_REGISTERED:
        return verbose ? "undo registered: " + e.text("description")
            + (e.get("superseded_by") == null ? "" : " (done by " + e.text("superseded_by") + ")")
            : null;
      case UNDO_STARTED: {
        int attempt = ((Number) e.get("attempt")).intValue();
        return "undo: " + e.text("description") + (attempt > 1 ? " (attempt " + attempt + ")" : "");
      }
      case UNDO_FINISHED:
        if (Boolean.TRUE.equals(e.get("ok"))) {
          return verbose ? "undo done: " + e.text("description") : null;
        }
        return "undo failed: " + e.text("description") + ": " + e.text("error")
            + (e.get("retry_in") == null ? "" : " (again in " + e.text("retry_in") + ")");
      case ABORT:
        return "ABORT: " + e.text("reason") + " (in " + e.text("phase") + ")";
      case RECOVERY:
        return Boolean.TRUE.equals(e.get("recovered"))
            ? "recovered in " + e.text("took") + " (deadline " + e.text("within") + ")"
            : "not recovered within " + e.text("within")
                + (e.get("message") == null ? "" : ": " + e.text("message"));
      case RUN_FINISHED:
        return null;
      default:
        return null;
    }
  }

  private static String outcome(RunEvent e) {
    String detail = e.get("message") != null ? e.text("message") : e.text("detail");
    return e.text("outcome") + (detail == null ? "" : " (" + detail + ")");
  }

  private String sample(RunEvent e) {
    boolean held = "true".equals(e.text("outcome"));
    String kind = e.text("kind");
    String moment = e.text("moment");
    if (kind.equals("observe")) {
      if (!verbose && held && moment == null) {
        return null;
      }
      return "observe " + e.text("name") + (moment == null ? "" : " (" + moment + ")") + ": "
          + (held ? e.text("value") : "error (" + e.text("message") + ")");
    }
    if (!verbose && held && moment == null) {
      return null;
    }
    String name = kind.equals("recovery") ? "recovery" : kind + " \"" + e.text("name") + "\"";
    return name + ": " + outcome(e);
  }

  private static String call(RunEvent e) {
    @SuppressWarnings("unchecked")
    Map<String, Object> args = (Map<String, Object>) e.get("args");
    StringBuilder text = new StringBuilder(e.get("dry_run") != null ? "would call " : "call ");
    text.append(e.text("fn")).append('(');
    boolean first = true;
    for (Map.Entry<String, Object> a : args.entrySet()) {
      text.append(first ? "" : ", ").append(a.getKey()).append(": ").append(a.getValue());
      first = false;
    }
    text.append(')');
    if (e.get("dry_run") != null && e.get("inverse") != null) {
      text.append("; undone automatically: ").append(e.text("inverse"));
    }
    return text.toString();
  }

  /** A dry run's preview: `would kill 1 of the 5 pods …: pod-a (20% of …); undo: …`. */
  private static String preview(RunEvent e) {
    StringBuilder text = new StringBuilder("would ").append(e.text("action"));
    Object targets = e.get("targets");
    if (targets instanceof java.util.List<?> list && !list.isEmpty()) {
      text.append(": ").append(String.join(", ", list.stream().map(String::valueOf).toList()));
    }
    if (e.get("blast_radius") != null) {
      text.append(" (blast radius: ").append(e.text("blast_radius")).append(')');
    }
    if (e.get("undo") != null) {
      text.append("; undo: ").append(e.text("undo"));
    }
    return text.toString();
  }

  private String callResult(RunEvent e) {
    boolean ok = Boolean.TRUE.equals(e.get("ok"));
    if (!verbose) {
      return null;
    }
    String outcome = ok ? "-> " + e.text("result") : "failed: " + e.text("error");
    return e.get("args") == null ? "  " + outcome
        : "read " + e.text("fn") + e.get("args") + " " + outcome;
  }

  private static String waitLine(RunEvent e) {
    String dry = e.get("dry_run") != null ? "would " : "";
    if ("recovery".equals(e.text("condition"))) {
      return "recovery: checking every " + e.text("every") + ", at most " + e.text("within");
    }
    if (e.get("condition") != null) {
      return dry + "wait until " + e.text("condition") + " (every " + e.text("every")
          + ", at most " + e.text("within") + ")";
    }
    return dry + "wait " + e.text("duration") + " (until "
        + CLOCK.format(Instant.parse(e.text("until"))) + ")";
  }
}
