package dev.chaos.runtime;

/**
 * Stops the thread that runs the run, from other threads: a guard that trips, `max_duration`, a
 * lock that was lost, a signal (run-level stops, the first one wins), or a step's timeout
 * (step-level). The stop is an interrupt, which wakes the thread from a `wait`, a `wait until`
 * or a driver call, and which every statement checks; while undo or `on abort` runs the
 * interrupt is held back, so that they are never cut short, and the reason is kept for later.
 * The monitor is held only for a moment and never while waiting on the clock.
 */
final class Stopper {
  /** Why the run stops; {@code LOCK}: the run's lock could not be kept. */
  enum Kind { GUARD, MAX_DURATION, LOCK, SIGNAL }

  record Stop(Kind kind, String reason, RunPhase phase) {}

  private final Thread runner;
  private Stop stop;
  private RunPhase phase = RunPhase.START;
  private boolean interruptible = true;
  private long attempts;
  private long activeAttempt;
  private long timedOutAttempt;

  Stopper(Thread runner) {
    this.runner = runner;
  }

  /** A run-level stop; only the first is kept. Returns whether this one was the first. */
  synchronized boolean stop(Kind kind, String reason) {
    if (stop != null) {
      return false;
    }
    stop = new Stop(kind, reason, phase);
    if (interruptible) {
      runner.interrupt();
    }
    return true;
  }

  synchronized Stop stopped() {
    return stop;
  }

  /** The phase names `abort.phase` reports: `preconditions`, `steps`, `recovery`. */
  synchronized void phase(RunPhase entered, boolean mayBeInterrupted) {
    phase = entered;
    interruptible = mayBeInterrupted;
    if (!mayBeInterrupted && Thread.currentThread() == runner) {
      Thread.interrupted(); // a stop that came just before is kept as `stop`, not as an interrupt
    }
  }

  synchronized RunPhase phase() {
    return phase;
  }

  /** A step attempt starts; the token names it for {@link #timeout}. */
  synchronized long stepStarted() {
    activeAttempt = ++attempts;
    timedOutAttempt = 0;
    return activeAttempt;
  }

  /** A step's timeout passed: stops that attempt only, if it is still the one running. */
  synchronized void timeout(long attempt) {
    if (attempt == activeAttempt && timedOutAttempt == 0 && interruptible) {
      timedOutAttempt = attempt;
      runner.interrupt();
    }
  }

  /** Whether the attempt that just stopped did so because its timeout passed. */
  synchronized boolean timedOut(long attempt) {
    return attempt == timedOutAttempt;
  }

  /**
   * Ends the step: a timeout that fired as it ended is forgotten, and the interrupt flag is
   * cleared unless a run-level stop is pending (which every later phase checks anyway).
   */
  synchronized void stepEnded() {
    activeAttempt = 0;
    timedOutAttempt = 0;
    if (stop == null && Thread.currentThread() == runner) {
      Thread.interrupted();
    }
  }
}
