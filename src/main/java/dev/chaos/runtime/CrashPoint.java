package dev.chaos.runtime;

/**
 * A fixed point to kill the runner at, for crash-consistency tests (docs/journal.md): with
 * {@code -Dchaos.test.journal.pause-after=N} the thread that made the journal's Nth event durable
 * stops there for good, holding the journal, so that a test can SIGKILL the runner at exactly that
 * boundary, as crash-consistency suites enumerate them. Without the property nothing happens.
 */
final class CrashPoint {
  static final String PROPERTY = "chaos.test.journal.pause-after";

  private static final long PAUSE_AFTER = Long.getLong(PROPERTY, 0L);

  private CrashPoint() {}

  /** Called with the number of events made durable so far. */
  static void reached(long events) {
    if (PAUSE_AFTER <= 0 || events != PAUSE_AFTER) {
      return;
    }
    System.err.println("chaos: paused after journal event " + events + " (" + PROPERTY + ")");
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // a stop request must not let the run go past the boundary under test
      }
    }
  }
}
