package dev.chaos.runtime;

import dev.chaos.spi.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs probes on their intervals, each on a thread of the run's clock (so that on the virtual
 * clock they take part in time, and a 5s interval costs nothing while nothing else happens).
 * Samples follow a fixed rate from the first one; a sample slower than the interval is followed
 * at once by the next. Probes are started and stopped in groups: guards and `throughout`
 * verifies stop when the steps end, observes when recovery ends.
 */
final class ProbeScheduler {
  /** One evaluation; false stops the probe (a guard that tripped samples no more). */
  @FunctionalInterface
  interface Sampler {
    boolean sample() throws InterruptedException;
  }

  /** Probes started together and stopped together. */
  final class Group {
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Whether the group is being stopped: a sample that ends now may have been cut short by the
     * stop itself (a driver that turns the interrupt into an error) and must not count.
     */
    boolean stopping() {
      return stopped.get();
    }

    /** Runs {@code action} unless the group is being stopped, as one step with the stop. */
    synchronized boolean unlessStopping(Runnable action) {
      if (stopped.get()) {
        return false;
      }
      action.run();
      return true;
    }

    /** Starts sampling every {@code every}, the first time at once or after one interval. */
    void start(String name, Duration every, boolean atOnce, Sampler sampler) {
      Duration interval = every.isNegative() || every.isZero() ? Duration.ofSeconds(1) : every;
      threads.add(clock.start(name, () -> loop(interval, atOnce, sampler)));
    }

    private void loop(Duration every, boolean atOnce, Sampler sampler) {
      try {
        Instant next = atOnce ? clock.now() : clock.now().plus(every);
        while (!stopped.get()) {
          clock.sleepUntil(next);
          if (stopped.get() || !sampler.sample()) {
            return;
          }
          next = next.plus(every);
          Instant now = clock.now();
          if (next.isBefore(now)) {
            next = now;
          }
        }
      } catch (InterruptedException stop) {
        // stopped by stop(): the sample in progress is dropped
      }
    }

    /**
     * Stops every probe of the group and waits for each to finish, at most {@code grace} (a
     * driver call that ignores interrupts is left behind on its daemon thread).
     */
    void stop(Duration grace) throws InterruptedException {
      synchronized (this) {
        stopped.set(true);
      }
      threads.forEach(Thread::interrupt);
      Instant deadline = clock.now().plus(grace);
      for (Thread t : threads) {
        clock.join(t, deadline);
      }
    }
  }

  private final Clock clock;

  ProbeScheduler(Clock clock) {
    this.clock = clock;
  }

  Group group() {
    return new Group();
  }
}
