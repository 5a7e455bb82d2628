package dev.chaos.runtime;

import java.util.Locale;

/**
 * The phases of a run, in the order a run that goes all the way passes through them (contract
 * section 6). {@link #START} is before the first: a stop that comes then happened "in start".
 */
public enum RunPhase {
  START, LETS, PRECONDITIONS, BASELINE, STEPS, STEPS_ENDED, VERIFY, ON_ABORT, UNDO, RECOVERY,
  REPORT;

  /** How the console, the reports and the journal name it: `steps ended`, `on abort`. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
