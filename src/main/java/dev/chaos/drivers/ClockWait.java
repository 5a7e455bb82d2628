package dev.chaos.drivers;

import dev.chaos.spi.Clock;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * How a live driver waits for blocking work it runs on another thread: on the run's clock, so
 * that a guard interrupting the calling thread stops the wait at once, and with the work
 * abandoned (its connection closed, its request cancelled) whenever the caller stops waiting.
 */
public final class ClockWait {
  private ClockWait() {}

  /**
   * True when {@code work} finished by {@code deadline}; otherwise {@code abandon} has run.
   * The worker must call {@link Clock#signal()} when it finishes.
   *
   * @throws InterruptedException when the calling thread is interrupted; {@code abandon} has run
   */
  public static boolean until(Clock clock, Instant deadline, Future<?> work, Runnable abandon)
      throws InterruptedException {
    boolean done;
    try {
      done = clock.awaitUntil(work::isDone, deadline);
    } catch (InterruptedException e) {
      abandon.run();
      throw e;
    }
    if (!done) {
      abandon.run();
    }
    return done;
  }
}
