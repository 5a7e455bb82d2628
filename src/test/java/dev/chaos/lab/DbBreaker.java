package dev.chaos.lab;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The demo's circuit breaker towards PostgreSQL (the contract of docs/lab.md): it opens when
 * at least half of the database calls of the last {@link #WINDOW} failed, counting only when
 * there were at least {@link #MIN_CALLS}; while open, calls are refused at once, so users get a
 * fast 503 instead of waiting on a server that refuses them. After {@link #OPEN_FOR} one trial
 * call is let through (half-open): its success closes the breaker, its failure opens it again.
 * Thread-safe; time comes from the clock given, so tests drive it without sleeping.
 */
final class DbBreaker {
  static final Duration WINDOW = Duration.ofSeconds(10);
  static final int MIN_CALLS = 5;
  static final Duration OPEN_FOR = Duration.ofSeconds(5);

  /** What {@link #admit()} allows: a normal call, the one half-open trial, or nothing. */
  enum Admission { CALL, TRIAL, REJECTED }

  private record Outcome(Instant at, boolean failed) {}

  private final InstantSource clock;
  private final Consumer<Boolean> onOpenChange;
  private final Deque<Outcome> window = new ArrayDeque<>();
  private boolean open;
  private Instant openedAt;
  private boolean trialInFlight;

  /** {@code onOpenChange} hears true when the breaker opens and false when it closes again. */
  DbBreaker(InstantSource clock, Consumer<Boolean> onOpenChange) {
    this.clock = clock;
    this.onOpenChange = onOpenChange;
  }

  synchronized Admission admit() {
    if (!open) {
      return Admission.CALL;
    }
    if (!trialInFlight && !clock.instant().isBefore(openedAt.plus(OPEN_FOR))) {
      trialInFlight = true;
      return Admission.TRIAL;
    }
    return Admission.REJECTED;
  }

  /** True from the moment it opens until a trial call succeeds (half-open counts as open). */
  synchronized boolean open() {
    return open;
  }

  void succeeded(Admission admission) {
    record(admission, false);
  }

  void failed(Admission admission) {
    record(admission, true);
  }

  private void record(Admission admission, boolean failed) {
    Boolean changed = null;
    synchronized (this) {
      Instant now = clock.instant();
      if (admission == Admission.TRIAL) {
        trialInFlight = false;
        if (failed) {
          openedAt = now; // open again, for a full OPEN_FOR
        } else {
          open = false;
          window.clear(); // the failures before the outage must not reopen it
          changed = false;
        }
      } else if (admission == Admission.CALL && !open) {
        // a call let through before the breaker opened that ends after it does not count
        window.addLast(new Outcome(now, failed));
        Instant oldest = now.minus(WINDOW);
        while (!window.isEmpty() && window.peekFirst().at().isBefore(oldest)) {
          window.removeFirst();
        }
        long failures = window.stream().filter(Outcome::failed).count();
        if (failed && window.size() >= MIN_CALLS && failures * 2 >= window.size()) {
          open = true;
          openedAt = now;
          changed = true;
        }
      }
    }
    if (changed != null) {
      onOpenChange.accept(changed);
    }
  }
}
