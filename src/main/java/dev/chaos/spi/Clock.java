package dev.chaos.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Where time comes from, for the interpreter, its probe scheduler and the drivers: the real
 * {@link SystemClock}, or a {@link VirtualClock} on which a 20-minute runbook rehearses in
 * milliseconds. Code that runs on a clock never calls {@link Thread#sleep} and never blocks on
 * anything but this interface, so that the virtual clock knows when everybody waits.
 *
 * <p>Every wait is interruptible: a guard that trips interrupts the thread running the steps,
 * which wakes from {@link #sleep} or {@link #awaitUntil} with an {@link InterruptedException}.
 */
public interface Clock {

  Instant now();

  /** Waits for {@code duration}; zero or negative returns at once. */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits until {@code time}; a time already past returns at once. */
  default void sleepUntil(Instant time) throws InterruptedException {
    sleep(Duration.between(now(), time));
  }

  /**
   * Waits until {@code condition} holds or {@code deadline} passes, and says which. The
   * condition is evaluated by the calling thread, first at once, then again after each
   * {@link #signal()} and at the deadline: whoever changes what it reads must call
   * {@link #signal()}. The deadline is required, so that no wait lasts forever.
   */
  boolean awaitUntil(BooleanSupplier condition, Instant deadline) throws InterruptedException;

  /** Tells the threads in {@link #awaitUntil} that what their conditions read may have changed. */
  void signal();

  /**
   * Starts a daemon thread that runs {@code body} on this clock (a probe of the scheduler). On a
   * virtual clock the thread takes part in the clock from this call on, before it even runs, so
   * time cannot pass it by.
   */
  Thread start(String name, Runnable body);

  /**
   * Waits until a thread of {@link #start} has finished its body or {@code deadline} passes;
   * true when it finished.
   */
  boolean join(Thread thread, Instant deadline) throws InterruptedException;

  /**
   * Makes the calling thread take part in the clock until the registration is closed: the thread
   * that runs the steps registers before it starts the probes. A no-op on the real clock.
   */
  Registration register();

  /** Ends a {@link #register()}; closing twice is harmless. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
