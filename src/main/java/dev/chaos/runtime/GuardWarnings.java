package dev.chaos.runtime;

import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The warning levels of a run's guards: the seed's "unexpected but within safety bounds:
 * continue with increased monitoring". A guard whose `warn when` holds degrades the run: the
 * warning is journaled and sent (to the escalation policy's first level, else the webhook) when
 * it is raised, not on every sample, and again said when it clears; the longest `extend` of the
 * guards that warned is how much longer the run observes after recovery.
 */
final class GuardWarnings {
  private final Interpreter interpreter;
  private final Notifier notifier;
  private final Escalation escalation;
  private final String runbook;
  private final Map<String, Boolean> raised = new HashMap<>();
  private int count;
  private String first;
  private Duration extension;

  GuardWarnings(Interpreter interpreter, Escalation escalation, String runbook) {
    this.interpreter = interpreter;
    this.notifier = new Notifier(interpreter);
    this.escalation = escalation;
    this.runbook = runbook;
  }

  /**
   * One sample of guard {@code name} that did not trip: {@code warning} is what its warning
   * level saw, null when it did not hold. {@code extend}: the guard's `extend`, or null.
   */
  void sampled(String name, String warning, Duration extend) throws InterruptedException {
    boolean was;
    synchronized (this) {
      was = raised.getOrDefault(name, false);
      raised.put(name, warning != null);
      if (warning != null && !was) {
        count++;
        if (first == null) {
          first = "guard \"" + name + "\": " + warning;
        }
        if (extend != null && (extension == null || extend.compareTo(extension) > 0)) {
          extension = extend;
        }
      }
    }
    if (warning != null && !was) {
      interpreter.emit(new RunEvent.GuardWarning(interpreter.now(), name, true, warning,
          extend));
      String text = "chaos: runbook " + runbook + " degraded: guard \"" + name + "\": " + warning
          + (extend == null ? "" : "; observing " + ValueFormat.duration(extend)
              + " longer after recovery");
      List<String> to = escalation.firstLevel();
      if (to.isEmpty()) {
        said(notifier.send(null, text), "the webhook");
      }
      for (String contact : to) {
        said(notifier.send(contact, text), contact);
      }
    } else if (warning == null && was) {
      interpreter.emit(new RunEvent.GuardWarning(interpreter.now(), name, false,
          "the warning level no longer holds", null));
    }
  }

  private void said(String problem, String to) {
    if (problem != null) {
      interpreter.emit(new RunEvent.Log(interpreter.now(), Section.NOTIFY.label(), to, null,
          null, "the guard warning was not delivered to " + to + ": " + problem));
    }
  }

  /** For the report: how many warnings, and the first; null when no guard warned. */
  synchronized String summary() {
    return count == 0 ? null : count + " (first: " + first + ")"
        + (extension == null ? "" : "; observed " + ValueFormat.duration(extension)
            + " longer after recovery");
  }

  /** How many times a guard's warning level was raised. */
  synchronized int count() {
    return count;
  }

  /** How much longer to observe after recovery; null when no guard that warned extends. */
  synchronized Duration extension() {
    return extension;
  }
}
