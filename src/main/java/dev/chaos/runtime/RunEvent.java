package dev.chaos.runtime;

import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One thing that happened during a run, at an instant of the run's clock: the journal writes each
 * as a JSON line ({@link JournalCodec}, docs/journal.md), the console shows them. One record per
 * {@link Type}; readers switch on {@link #type()}, which the compiler checks is exhaustive.
 *
 * <p>Fields typed {@code Object} hold a value of the runbook as a JSON tree ({@link EventValues}):
 * records and maps as {@code Map}, lists as {@code List}, numbers, booleans, strings; durations
 * and percentages as their literal text (`1m30s`, `30%`), secrets as `***`. The constructors
 * normalise the trees, so that an event read back from the journal equals the one written.
 */
public sealed interface RunEvent {
  Instant time();

  Type type();

  /** What happened; {@link #jsonName()} is the `event` field of a journal line. */
  enum Type {
    RUN_STARTED(RunStarted.class), PHASE(PhaseEntered.class), LET(LetDefined.class),
    CHECK(CheckEvaluated.class), SAMPLE(ProbeSampled.class), STEP_STARTED(StepStarted.class),
    STEP_FINISHED(StepFinished.class), CALL(Call.class), CALL_RESULT(CallResult.class),
    PREVIEW(Previewed.class), WAIT(Wait.class), WAIT_UNTIL(WaitUntil.class), LOG(Log.class), RECORD(Recorded.class),
    UNDO_REGISTERED(UndoRegistered.class), UNDO_STARTED(UndoStarted.class),
    UNDO_FINISHED(UndoFinished.class), ABORT(Abort.class), RECOVERY(Recovery.class),
    RUN_FINISHED(RunFinished.class), UNDO_RECIPE(UndoRecipeSet.class),
    LOCK_TAKEN(LockTaken.class), RUN_SOURCE(RunSource.class), UNDO_SCOPE(UndoScope.class),
    GUARD_WARNING(GuardWarning.class), ESCALATION(EscalationStep.class);

    private final Class<? extends RunEvent> record;

    Type(Class<? extends RunEvent> record) {
      this.record = record;
    }

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The record that carries this type of event. */
    public Class<? extends RunEvent> record() {
      return record;
    }
  }

  /** The `window` header: from, to (times of day) and the zone they are read in. */
  record Window(LocalTime from, LocalTime to, String zone) {}

  /** The header evaluated and the run about to start; `file` as given on the command line. */
  record RunStarted(Instant time, String runbook, String title, String file, String environment,
      boolean dryRun, Duration maxDuration, Value.Percent blastRadius, Window window,
      String lock, String runId) implements RunEvent {
    public Type type() {
      return Type.RUN_STARTED;
    }
  }

  record PhaseEntered(Instant time, RunPhase phase) implements RunEvent {
    public Type type() {
      return Type.PHASE;
    }
  }

  /** A runbook-level `let`, evaluated. */
  record LetDefined(Instant time, String name, Object value) implements RunEvent {
    public LetDefined {
      value = tree(value);
    }

    public Type type() {
      return Type.LET;
    }
  }

  /**
   * A precondition or a point-in-time verify, evaluated once: `kind` is `precondition` or
   * `verify`; `detail` what its last `expect` saw, `message` why it was false or failed.
   */
  record CheckEvaluated(Instant time, String kind, String name, ProbeOutcome outcome,
      String detail, String message) implements RunEvent {
    public Type type() {
      return Type.CHECK;
    }
  }

  /**
   * One sample of a probe: `kind` is `observe`, `guard`, `verify` (throughout) or `recovery`;
   * `value` the observed value of an observe that held, `moment` `baseline`, `final` or
   * `dry run` for the samples taken once.
   */
  record ProbeSampled(Instant time, String kind, String name, ProbeOutcome outcome, Object value,
      String detail, String message, String moment) implements RunEvent {
    public ProbeSampled {
      value = tree(value);
    }

    public Type type() {
      return Type.SAMPLE;
    }
  }

  /** `undo` is how the step is undone: `block`, `automatic`, `irreversible`, `not needed`. */
  record StepStarted(Instant time, String step, String undo, Duration timeout, long retry,
      boolean dryRun) implements RunEvent {
    public Type type() {
      return Type.STEP_STARTED;
    }
  }

  /** One attempt of a step ended; `where` is the source location of a failure. */
  record StepFinished(Instant time, String step, int attempt, StepResult.Status status,
      String message, String where) implements RunEvent {
    public Type type() {
      return Type.STEP_FINISHED;
    }
  }

  /**
   * A mutating call, journaled before it is made (under `--dry-run`, instead of making it):
   * `section` and `name` say where it is in the runbook, `inverse` what undoes it automatically
   * (null when nothing does), `preview` what a dry run would do, as the driver describes it
   * (null when there is none).
   */
  record Call(Instant time, String fn, Map<String, Object> args, String section, String name,
      String inverse, boolean dryRun) implements RunEvent {
    public Call {
      args = arguments(args);
    }

    public Type type() {
      return Type.CALL;
    }
  }

  /**
   * In a dry run, what a mutating call would do, as its driver says after reading the world:
   * the change in words, the targets it resolved, how many of how many candidates with the
   * blast-radius verdict ({@code count}, {@code of} and {@code blastRadius} are null for a call
   * that picks from no set), and the undo it would register (null when none).
   */
  record Previewed(Instant time, String fn, String section, String name, String action,
      List<String> targets, Integer count, Integer of, String blastRadius, String undo)
      implements RunEvent {
    public Previewed {
      targets = List.copyOf(targets);
    }

    public Type type() {
      return Type.PREVIEW;
    }
  }

  /**
   * How a call ended: a read made outside a probe (with its `args`), or a mutation (args null:
   * they are in its {@link Call}). `result` when it succeeded, `error` when it failed.
   */
  record CallResult(Instant time, String fn, Map<String, Object> args, boolean ok, Object result,
      String error) implements RunEvent {
    public CallResult {
      args = arguments(args);
      result = tree(result);
    }

    public Type type() {
      return Type.CALL_RESULT;
    }
  }

  /** A `wait` of a fixed duration, until {@code until}. */
  record Wait(Instant time, String section, String name, Duration duration, Instant until,
      boolean dryRun) implements RunEvent {
    public Type type() {
      return Type.WAIT;
    }
  }

  /**
   * A `wait until` (or the recovery, in section `recovery`): its condition as written, checked
   * every `every`, for at most `within`, so until {@code until} at the latest.
   */
  record WaitUntil(Instant time, String section, String name, String condition, Duration every,
      Duration within, Instant until, boolean dryRun) implements RunEvent {
    public Type type() {
      return Type.WAIT_UNTIL;
    }
  }

  /**
   * A `log` line, or a line of the run itself (`retrying`, `would check`); `source` is the
   * driver that wrote it, `level` `detail` for lines shown only with `--verbose`.
   */
  record Log(Instant time, String section, String name, String level, String source, String text)
      implements RunEvent {
    public Type type() {
      return Type.LOG;
    }
  }

  /** A `record` statement: {@code in} is the name of the section it is in. */
  record Recorded(Instant time, String name, Object value, String section, String in)
      implements RunEvent {
    public Recorded {
      value = tree(value);
    }

    public Type type() {
      return Type.RECORD;
    }
  }

  /**
   * An undo, registered before the side effect it undoes; `chaos recover` reads these. `id` is
   * unique in the run (registration order; 0 is the rollback), and the later undo events name
   * it. An automatic inverse names the mutating `call` that registered it, with its `args` and
   * the source location `at` of the call; a `superseded_by` undo is only journaled, because the
   * step's undo block undoes the step instead.
   */
  record UndoRegistered(Instant time, int id, String step, UndoResult.Kind kind,
      String description, String call, Map<String, Object> args, String at,
      String supersededBy, dev.chaos.spi.UndoRecipe recipe) implements RunEvent {
    public UndoRegistered {
      args = arguments(args);
    }

    public Type type() {
      return Type.UNDO_REGISTERED;
    }
  }

  record UndoStarted(Instant time, int id, String description, int attempt) implements RunEvent {
    public Type type() {
      return Type.UNDO_STARTED;
    }
  }

  /** An undo attempt ended; when it failed and will be tried again, after `retry_in`. */
  record UndoFinished(Instant time, int id, String description, int attempt, boolean ok,
      String error, Duration retryIn) implements RunEvent {
    public Type type() {
      return Type.UNDO_FINISHED;
    }
  }

  /** The run was stopped (a guard, `max_duration`, a signal) in {@code phase}; `on abort` runs. */
  record Abort(Instant time, String reason, RunPhase phase) implements RunEvent {
    public Type type() {
      return Type.ABORT;
    }
  }

  /** How the recovery ended: recovered after `took`, or not within `within`, and why. */
  record Recovery(Instant time, boolean recovered, Duration took, Duration within,
      String message) implements RunEvent {
    public Type type() {
      return Type.RECOVERY;
    }
  }

  /** The last event: the outcome, and the undos that did not succeed (what may be disrupted). */
  record RunFinished(Instant time, Outcome outcome, String reason, List<String> remaining,
      Duration duration) implements RunEvent {
    public RunFinished {
      remaining = List.copyOf(remaining);
    }

    public Type type() {
      return Type.RUN_FINISHED;
    }
  }

  /**
   * The inverse of undo {@code id} as values, for `chaos recover`: written right after its
   * registration (before the side effect), and again when the call learns more (the uid and
   * generated name of an object it created). The last one written for an id counts.
   */
  record UndoRecipeSet(Instant time, int id, dev.chaos.spi.UndoRecipe recipe)
      implements RunEvent {
    public Type type() {
      return Type.UNDO_RECIPE;
    }
  }

  /**
   * What the undo block {@code id} reads from the scopes around it (its step's lets, the
   * runbook's, `runbook`), for `chaos recover`: the values bound so far, by name. Written right
   * after the block's registration, at the start of each attempt of its step, and each time the
   * step binds one of them, before the step goes on; the last one written counts.
   * {@code notJournaled} names a value that is never journaled (a secret) and what it is: the
   * block then cannot run without its runner.
   */
  record UndoScope(Instant time, int id, Map<String, Object> values, String notJournaled)
      implements RunEvent {
    public UndoScope {
      values = arguments(values);
    }

    public Type type() {
      return Type.UNDO_SCOPE;
    }
  }

  /** The runbook's `lock` was taken for {@code holder}; `chaos recover` releases it. */
  record LockTaken(Instant time, String lock, String holder) implements RunEvent {
    public Type type() {
      return Type.LOCK_TAKEN;
    }
  }

  /**
   * Where the run came from, for `chaos recover`: the runbook's absolute path and the SHA-256 of
   * its text, the backend (`live`, `sandbox`), the config file and environment of a live run,
   * and the host and pid of the runner.
   */
  record RunSource(Instant time, String file, String sha256, String backend, String config,
      String environment, String host, long pid) implements RunEvent {
    public Type type() {
      return Type.RUN_SOURCE;
    }
  }

  private static Object tree(Object value) {
    return value == null ? null : JsonTree.of(value).tree();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> arguments(Map<String, Object> args) {
    return args == null ? null : (Map<String, Object>) JsonTree.of(args).tree();
  }

  /**
   * A guard's warning level held ({@code raised}) or stopped holding: the run is degraded, not
   * aborted. {@code message} says what the level saw; {@code extend} is how much longer the run
   * observes after recovery because of it (null: it only notifies).
   */
  record GuardWarning(Instant time, String guard, boolean raised, String message,
      Duration extend) implements RunEvent {
    public Type type() {
      return Type.GUARD_WARNING;
    }
  }

  /**
   * A step of the escalation of an unresolved problem: {@code action} is `started` (what is
   * unresolved is {@code reason}), `notified` (level {@code level} of the policy, due
   * {@code after} the start, told {@code contacts}; {@code problem} when a message could not
   * be delivered), `resolved`, or `handed_over` (the run ended with it unresolved).
   */
  record EscalationStep(Instant time, String policy, String action, int level,
      List<String> contacts, Duration after, String reason, String problem)
      implements RunEvent {
    public EscalationStep {
      contacts = contacts == null ? null : List.copyOf(contacts);
    }

    public Type type() {
      return Type.ESCALATION;
    }
  }
}
