package dev.chaos.drivers;

import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import java.time.Duration;
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
   * The call's deadline, or {@code timeout} from now when that comes first ({@code timeout}
   * null: the call's deadline alone).
   */
  public static Instant deadline(CallContext context, Duration timeout) {
    Instant deadline = context.deadline();
    if (timeout == null) {
      return deadline;
    }
    Instant own = context.clock().now().plus(timeout);
    return own.isBefore(deadline) ? own : deadline;
  }

  /**
   * The time left before {@code deadline}, zero when it has passed: checked before blocking
   * work starts, since a call out of time must not even start.
   *
   * @throws InterruptedException when the calling thread was interrupted (a guard tripped)
   */
  public static Duration remaining(Clock clock, Instant deadline) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Duration left = Duration.between(clock.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

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
