package dev.chaos.runtime;

import dev.chaos.spi.Escalations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The escalation path of the seed (on-call, then the team lead, then the incident commander) as
 * timed notifications that run while an abort, a failed undo or a failed recovery is unresolved:
 * level 0 at once, each later level when the problem has lasted its `after`, on the run's clock
 * (virtual in a rehearsal). It stops when the problem is resolved (undo done and recovery met),
 * telling those already told; a run that ends with it unresolved hands it over, telling every
 * level not reached yet at once, since nobody is watching any more.
 */
final class Escalation {
  private final Interpreter interpreter;
  private final Notifier notifier;
  private final Escalations contacts;
  private final Escalations.Policy policy;
  private final String runbook;
  private Instant started;
  private String reason;
  private boolean over;
  private int nextLevel;
  private final List<String> told = new ArrayList<>();
  private final List<String> history = new ArrayList<>();
  private String ending;
  private Thread timer;

  /** {@code policy} null: nobody to escalate to; every method is then a no-op. */
  Escalation(Interpreter interpreter, Escalations contacts, Escalations.Policy policy,
      String runbook) {
    this.interpreter = interpreter;
    this.notifier = new Notifier(interpreter);
    this.contacts = contacts;
    this.policy = policy;
    this.runbook = runbook;
  }

  /** Who a warning goes to: the policy's first level; none (the webhook) without a policy. */
  List<String> firstLevel() {
    return policy == null || policy.levels().isEmpty() ? List.of()
        : policy.levels().get(0).contacts();
  }

  /** Whether a problem is being escalated and is not resolved yet. */
  synchronized boolean unresolved() {
    return started != null && !over;
  }

  /** Starts escalating {@code why}; a second problem joins the first (one path, one clock). */
  void start(String why) {
    synchronized (this) {
      if (policy == null || started != null || interpreter.options().dryRun()) {
        return;
      }
      started = interpreter.clock().now();
      reason = why;
    }
    interpreter.emit(new RunEvent.EscalationStep(interpreter.now(), policy.name(), "started", 0,
        null, null, why, null));
    timer = interpreter.clock().start("escalation", this::levels);
  }

  private void levels() {
    try {
      for (int i = 0; i < policy.levels().size(); i++) {
        Escalations.Level level = policy.levels().get(i);
        interpreter.clock().sleepUntil(started.plus(level.after()));
        synchronized (this) {
          if (over || nextLevel > i) {
            return;
          }
          nextLevel = i + 1;
        }
        tell(i, level, "unresolved" + (level.after().isZero() ? ""
            : " for " + dev.chaos.types.ValueFormat.duration(level.after())));
      }
    } catch (InterruptedException resolvedOrEnded) {
      // resolved, or the run ended: the thread's work is over
    }
  }

  private void tell(int index, Escalations.Level level, String how)
      throws InterruptedException {
    List<String> problems = new ArrayList<>();
    String text = "chaos: runbook " + runbook + ": " + reason + " (" + how
        + "; escalation level " + (index + 1) + " of " + policy.levels().size() + ": "
        + String.join(", ", level.contacts().stream().map(contacts::shown).toList()) + ")";
    for (String contact : level.contacts()) {
      String problem = notifier.send(contact, text);
      if (problem != null) {
        problems.add(contact + ": " + problem);
      }
      synchronized (this) {
        if (!told.contains(contact)) {
          told.add(contact);
        }
      }
    }
    Duration since = Duration.between(started, interpreter.clock().now());
    synchronized (this) {
      history.add(String.join(", ", level.contacts()) + (since.isZero() ? " at once"
          : " after " + dev.chaos.types.ValueFormat.duration(since))
          + (problems.isEmpty() ? "" : " (not delivered)"));
    }
    interpreter.emit(new RunEvent.EscalationStep(interpreter.now(), policy.name(), "notified",
        index + 1, level.contacts(), level.after(), reason,
        problems.isEmpty() ? null : String.join("; ", problems)));
  }

  /**
   * For the report: `standard: guard "x" tripped: ...; told oncall at once, lead after 15m;
   * resolved after 16m (undo done)`; null when nothing was escalated.
   */
  synchronized String summary() {
    if (started == null) {
      return null;
    }
    return policy.name() + ": " + reason + "; told " + (history.isEmpty() ? "nobody yet"
        : String.join(", ", history)) + (ending == null ? "" : "; " + ending);
  }

  /** The problem is over ({@code how}: "undo done, recovered in 40s"): those told are told. */
  void resolve(String how) {
    List<String> toTell;
    synchronized (this) {
      if (started == null || over) {
        return;
      }
      over = true;
      toTell = List.copyOf(told);
    }
    stopTimer();
    Duration lasted = Duration.between(started, interpreter.clock().now());
    synchronized (this) {
      ending = "resolved after " + dev.chaos.types.ValueFormat.duration(lasted) + " (" + how
          + ")";
    }
    String text = "chaos: runbook " + runbook + ": resolved after "
        + dev.chaos.types.ValueFormat.duration(lasted) + ": " + how + " (was: " + reason + ")";
    List<String> problems = new ArrayList<>();
    for (String contact : toTell) {
      try {
        String problem = notifier.send(contact, text);
        if (problem != null) {
          problems.add(contact + ": " + problem);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    interpreter.emit(new RunEvent.EscalationStep(interpreter.now(), policy.name(), "resolved",
        0, toTell, lasted, how, problems.isEmpty() ? null : String.join("; ", problems)));
  }

  /**
   * The run ends with the problem unresolved ({@code outcome}: "undo failed"): every level not
   * told yet is told now, since the run no longer watches the clock for them.
   */
  void handOver(String outcome) {
    int from;
    synchronized (this) {
      if (started == null || over) {
        return;
      }
      over = true;
      from = nextLevel;
      nextLevel = policy.levels().size();
    }
    stopTimer();
    synchronized (this) {
      ending = "handed over unresolved: the run ended " + outcome;
    }
    String was = reason;
    reason = reason + "; the run ended " + outcome;
    boolean interrupted = Thread.interrupted();
    try {
      for (int i = from; i < policy.levels().size(); i++) {
        tell(i, policy.levels().get(i), "handed over at the end of the run");
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    interpreter.emit(new RunEvent.EscalationStep(interpreter.now(), policy.name(),
        "handed_over", policy.levels().size(), List.copyOf(told),
        Duration.between(started, interpreter.clock().now()), reason, null));
    reason = was;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether every level has been told (or there is no policy): nothing is left to wait for. */
  synchronized boolean allLevelsTold() {
    return policy == null || nextLevel >= policy.levels().size();
  }

  private void stopTimer() {
    Thread t = timer;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
      try {
        interpreter.clock().join(t, interpreter.clock().now().plus(Notifier.DEADLINE
            .multipliedBy(Math.max(1, policy.levels().size()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
