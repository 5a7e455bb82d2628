package dev.chaos.drivers.k8s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a held lock alive: renews it every third of its duration on the real clock, and after a
 * failed attempt tries again every {@link #RETRY_EVERY}. The lock is lost, and {@code lost} told
 * why (once), when it is no longer this holder's (taken, deleted) or when the store stayed
 * unreachable until the lock would expire before the next attempt. {@link #tick()} is one
 * attempt, so tests drive it on a clock of their own.
 */
final class LeaseRenewal {
  /** Between attempts after a failure: several tries fit in what is left of the duration. */
  static final Duration RETRY_EVERY = Duration.ofSeconds(1);

  /** One renewal; {@link Gone} when the lock is no longer ours, any other failure transient. */
  @FunctionalInterface
  interface Attempt {
    void renew() throws Gone;
  }

  /** The lock is no longer this holder's: the message says what happened to it. */
  static final class Gone extends Exception {
    Gone(String message) {
      super(message, null, false, false);
    }
  }

  private final Attempt attempt;
  private final Clock clock;
  private final Duration duration;
  private final Consumer<String> lost;
  private Instant renewed;
  private boolean over;
  private ScheduledExecutorService timer;

  /** {@code renewed}: when the lock was taken or last renewed. */
  LeaseRenewal(Attempt attempt, Clock clock, Duration duration, Instant renewed,
      Consumer<String> lost) {
    this.attempt = attempt;
    this.clock = clock;
    this.duration = duration;
    this.renewed = renewed;
    this.lost = lost;
  }

  /** How often a held lock is renewed: three chances within one duration. */
  Duration renewEvery() {
    return duration.dividedBy(3);
  }

  /** Renews on a daemon thread of its own until {@link #stop()} or the lock is lost. */
  synchronized void start(String name) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lease-renewal " + name);
      t.setDaemon(true);
      return t;
    });
    schedule(renewEvery());
  }

  private void schedule(Duration delay) {
    timer.schedule(() -> {
      Duration next = tick();
      synchronized (this) {
        if (next != null && !over) {
          schedule(next);
        }
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One attempt. Returns when to try next, or null when renewal is over (stopped, or the lock
   * lost: then {@code lost} has been told).
   */
  Duration tick() {
    synchronized (this) {
      if (over) {
        return null;
      }
    }
    String why;
    try {
      attempt.renew();
      synchronized (this) {
        renewed = clock.instant();
        return over ? null : renewEvery();
      }
    } catch (Gone gone) {
      why = gone.getMessage();
    } catch (RuntimeException failed) {
      Instant now = clock.instant();
      Instant last;
      synchronized (this) {
        last = renewed;
      }
      if (now.plus(RETRY_EVERY).isBefore(last.plus(duration))) {
        return RETRY_EVERY;
      }
      why = "it could not be renewed for " + Duration.between(last, now).toSeconds()
          + "s and would expire (its duration is " + duration.toSeconds() + "s): "
          + failed.getMessage();
    }
    synchronized (this) {
      if (over) {
        return null;
      }
      over = true;
    }
    lost.accept(why);
    return null;
  }

  /** When the lock was taken or last renewed: it expires one duration after. */
  synchronized Instant renewed() {
    return renewed;
  }

  /** Ends renewal; returns once no attempt is running, so nothing renews after a release. */
  void stop() {
    ScheduledExecutorService running;
    synchronized (this) {
      over = true;
      running = timer;
    }
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
