package dev.chaos.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The real clock: wall time, real sleeps, real threads. */
public final class SystemClock implements Clock {
  private final java.time.Clock source;
  private final Object monitor = new Object();
  private long generation;

  public SystemClock() {
    this(java.time.Clock.systemUTC());
  }

  public SystemClock(java.time.Clock source) {
    this.source = source;
  }

  /**
   * Whole milliseconds: the times and durations a run measures (recovery time, `now() - t`)
   * read as `2.034s`, not `2.034092653s`, and no run needs finer.
   */
  @Override
  public Instant now() {
    return source.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    TimeUnit.NANOSECONDS.sleep(saturatedNanos(duration));
  }

  @Override
  public boolean awaitUntil(BooleanSupplier condition, Instant deadline)
      throws InterruptedException {
    while (true) {
      long seen;
      synchronized (monitor) {
        seen = generation;
      }
      if (condition.getAsBoolean()) {
        return true;
      }
      Duration left = Duration.between(now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return false;
      }
      synchronized (monitor) {
        // a signal between the evaluation above and here must not be lost
        if (generation == seen) {
          TimeUnit.NANOSECONDS.timedWait(monitor, saturatedNanos(left));
        }
      }
    }
  }

  @Override
  public void signal() {
    synchronized (monitor) {
      generation++;
      monitor.notifyAll();
    }
  }

  @Override
  public Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public boolean join(Thread thread, Instant deadline) throws InterruptedException {
    Duration left = Duration.between(now(), deadline);
    if (left.isNegative() || left.isZero()) {
      return !thread.isAlive();
    }
    TimeUnit.NANOSECONDS.timedJoin(thread, saturatedNanos(left));
    return !thread.isAlive();
  }

  @Override
  public Registration register() {
    return () -> { };
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
