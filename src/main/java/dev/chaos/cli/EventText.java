package dev.chaos.cli;

import dev.chaos.runtime.EventValues;
import dev.chaos.runtime.ProbeOutcome;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunPhase;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;

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
    return CLOCK.format(time) + " +" + ValueFormat.duration(since);
  }

  String line(RunEvent e) {
    return switch (e.type()) {
      case RUN_STARTED -> {
        RunEvent.RunStarted r = (RunEvent.RunStarted) e;
        yield "run \"" + r.runbook() + "\" (" + r.title() + ") in " + r.environment()
            + (r.dryRun() ? ", dry run" : "");
      }
      case PHASE -> {
        RunPhase phase = ((RunEvent.PhaseEntered) e).phase();
        yield phase == RunPhase.STEPS_ENDED || phase == RunPhase.REPORT ? null
            : "-- " + phase.label();
      }
      case LET -> {
        RunEvent.LetDefined let = (RunEvent.LetDefined) e;
        yield verbose ? "let " + let.name() + " = " + EventValues.brief(let.value()) : null;
      }
      case CHECK -> {
        RunEvent.CheckEvaluated c = (RunEvent.CheckEvaluated) e;
        yield c.kind() + " \"" + c.name() + "\": " + outcome(c.outcome(), c.message(), c.detail());
      }
      case SAMPLE -> sample((RunEvent.ProbeSampled) e);
      case STEP_STARTED -> {
        RunEvent.StepStarted s = (RunEvent.StepStarted) e;
        yield "step \"" + s.step() + "\" started" + (s.dryRun() ? " (dry run)" : "");
      }
      case STEP_FINISHED -> {
        RunEvent.StepFinished s = (RunEvent.StepFinished) e;
        yield "step \"" + s.step() + "\" " + s.status().label()
            + (s.message() == null ? "" : ": " + s.message())
            + (s.where() == null || s.where().isEmpty() ? "" : " at " + s.where());
      }
      case CALL -> {
        RunEvent.Call c = (RunEvent.Call) e;
        // in a dry run the driver's preview says it better; the raw call is for --verbose
        yield c.dryRun() && !verbose ? null : call(c);
      }
      case CALL_RESULT -> callResult((RunEvent.CallResult) e);
      case PREVIEW -> preview((RunEvent.Previewed) e);
      case WAIT -> {
        RunEvent.Wait w = (RunEvent.Wait) e;
        yield (w.dryRun() ? "would " : "") + "wait " + ValueFormat.duration(w.duration())
            + " (until " + CLOCK.format(w.until()) + ")";
      }
      case WAIT_UNTIL -> waitUntil((RunEvent.WaitUntil) e);
      case LOG -> {
        RunEvent.Log log = (RunEvent.Log) e;
        yield !verbose && "detail".equals(log.level()) ? null : "log: " + log.text();
      }
      case RECORD -> {
        RunEvent.Recorded r = (RunEvent.Recorded) e;
        yield "record " + r.name() + " = " + EventValues.brief(r.value());
      }
      case UNDO_REGISTERED -> {
        RunEvent.UndoRegistered u = (RunEvent.UndoRegistered) e;
        yield verbose ? "undo registered: " + u.description()
            + (u.supersededBy() == null ? "" : " (done by " + u.supersededBy() + ")") : null;
      }
      case UNDO_STARTED -> {
        RunEvent.UndoStarted u = (RunEvent.UndoStarted) e;
        yield "undo: " + u.description()
            + (u.attempt() > 1 ? " (attempt " + u.attempt() + ")" : "");
      }
      case UNDO_FINISHED -> {
        RunEvent.UndoFinished u = (RunEvent.UndoFinished) e;
        if (u.ok()) {
          yield verbose ? "undo done: " + u.description() : null;
        }
        yield "undo failed: " + u.description() + ": " + u.error()
            + (u.retryIn() == null ? "" : " (again in " + ValueFormat.duration(u.retryIn()) + ")");
      }
      case ABORT -> {
        RunEvent.Abort a = (RunEvent.Abort) e;
        yield "ABORT: " + a.reason() + " (in " + a.phase().label() + ")";
      }
      case RECOVERY -> {
        RunEvent.Recovery r = (RunEvent.Recovery) e;
        if (r.recovered()) {
          yield "recovered in " + ValueFormat.duration(r.took()) + " (deadline "
              + ValueFormat.duration(r.within()) + ")";
        }
        yield "not recovered" + (r.within() == null ? "" : " within "
            + ValueFormat.duration(r.within())) + (r.message() == null ? "" : ": " + r.message());
      }
      case RUN_FINISHED, RUN_SOURCE -> null;
      case UNDO_RECIPE -> verbose ? "undo recipe: " + ((RunEvent.UndoRecipeSet) e).recipe().name()
          : null;
      case UNDO_SCOPE -> verbose && ((RunEvent.UndoScope) e).notJournaled() != null
          ? "undo block reads " + ((RunEvent.UndoScope) e).notJournaled()
              + ", which is not journaled: chaos recover cannot run it" : null;
      case LOCK_TAKEN -> verbose ? "lock `" + ((RunEvent.LockTaken) e).lock() + "` taken"
          : null;
      case GUARD_WARNING -> {
        RunEvent.GuardWarning w = (RunEvent.GuardWarning) e;
        yield w.raised() ? "WARNING: guard \"" + w.guard() + "\": " + w.message()
            + (w.extend() == null ? "" : " (observing " + ValueFormat.duration(w.extend())
                + " longer after recovery)")
            : "guard \"" + w.guard() + "\": " + w.message();
      }
      case ESCALATION -> escalation((RunEvent.EscalationStep) e);
    };
  }

  private static String escalation(RunEvent.EscalationStep s) {
    String problem = s.problem() == null ? "" : " (not delivered: " + s.problem() + ")";
    return switch (s.action()) {
      case "started" -> "escalation `" + s.policy() + "` started: " + s.reason();
      case "notified" -> "escalation level " + s.level() + ": told "
          + String.join(", ", s.contacts()) + problem;
      case "resolved" -> "escalation resolved: " + s.reason()
          + (s.contacts().isEmpty() ? "" : " (told " + String.join(", ", s.contacts()) + ")")
          + problem;
      default -> "escalation handed over, unresolved: told " + String.join(", ", s.contacts());
    };
  }

  /** `false (0.4% < 5%)`: the outcome, and the message or else what the check saw. */
  private static String outcome(ProbeOutcome outcome, String message, String detail) {
    String seen = message != null ? message : detail;
    return outcome.label() + (seen == null ? "" : " (" + seen + ")");
  }

  private String sample(RunEvent.ProbeSampled s) {
    boolean held = s.outcome() == ProbeOutcome.TRUE;
    String moment = s.moment();
    if (!verbose && held && moment == null) {
      return null;
    }
    if (s.kind().equals("observe")) {
      return "observe " + s.name() + (moment == null ? "" : " (" + moment + ")") + ": "
          + (held ? EventValues.brief(s.value()) : "error (" + s.message() + ")");
    }
    String name = s.kind().equals("recovery") ? "recovery" : s.kind() + " \"" + s.name() + "\"";
    return name + ": " + outcome(s.outcome(), s.message(), s.detail());
  }

  private static String call(RunEvent.Call c) {
    StringBuilder text = new StringBuilder(c.dryRun() ? "would call " : "call ");
    text.append(c.fn()).append('(');
    boolean first = true;
    for (Map.Entry<String, Object> a : c.args().entrySet()) {
      text.append(first ? "" : ", ").append(a.getKey()).append(": ")
          .append(EventValues.brief(a.getValue()));
      first = false;
    }
    text.append(')');
    if (c.dryRun() && c.inverse() != null) {
      text.append("; undone automatically: ").append(c.inverse());
    }
    return text.toString();
  }


  /** A dry run's preview: `would kill 1 of the 5 pods …: pod-a (blast radius: …); undo: …`. */
  private static String preview(RunEvent.Previewed p) {
    StringBuilder text = new StringBuilder("would ").append(p.action());
    if (!p.targets().isEmpty()) {
      text.append(": ").append(String.join(", ", p.targets()));
    }
    if (p.blastRadius() != null) {
      text.append(" (blast radius: ").append(p.blastRadius()).append(')');
    }
    if (p.undo() != null) {
      text.append("; undo: ").append(p.undo());
    }
    return text.toString();
  }
  private String callResult(RunEvent.CallResult c) {
    if (!verbose) {
      return null;
    }
    String outcome = c.ok() ? "-> " + EventValues.brief(c.result()) : "failed: " + c.error();
    if (c.args() == null) {
      return "  " + outcome;
    }
    StringJoiner args = new StringJoiner(", ", "{", "}");
    c.args().forEach((k, v) -> args.add(k + "=" + EventValues.brief(v)));
    return "read " + c.fn() + args + " " + outcome;
  }

  private static String waitUntil(RunEvent.WaitUntil w) {
    String every = ValueFormat.duration(w.every());
    String within = ValueFormat.duration(w.within());
    if (w.section().equals("recovery")) {
      return "recovery: checking every " + every + ", at most " + within;
    }
    return (w.dryRun() ? "would " : "") + "wait until " + w.condition() + " (every " + every
        + ", at most " + within + ")";
  }
}
