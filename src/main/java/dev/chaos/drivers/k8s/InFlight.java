package dev.chaos.drivers.k8s;

import dev.chaos.spi.Clock;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * The worker of one mutating call (`k8s.apply`, `k8s.scale`), which a stop does not cut short.
 * A request that was sent may still be carried out by the API server after the client gave up
 * on it, and then after its inverse ran: so when the run stops (guard, signal, max_duration, a
 * lost lock) or the call's deadline passes, the worker is only told to write nothing more
 * ({@link #abandoned()}), its request in flight ends on its own (answered, or at the client's
 * request timeout), and the inverse waits for that ({@link #awaitEnd}) before it undoes what the
 * call wrote.
 */
public final class InFlight {
  private volatile Future<?> worker;
  private volatile boolean abandoned;
  private volatile boolean ended;

  private volatile boolean sent;

  /** The work is about to send its write: from now on the server may carry it out. */
  public void sending() {
    sent = true;
  }

  /** Whether a write was sent (a create whose answer may never have come). */
  public boolean sent() {
    return sent;
  }

  /** Set once by {@link K8sCall#mutate}, which runs the work. */
  void started(Future<?> running) {
    worker = running;
  }

  /** The worker ended, answered or failed; the clock is signalled by the worker. */
  void ended() {
    ended = true;
  }

  /** The caller stopped waiting: the worker finishes the request it sent and writes no more. */
  void abandon() {
    abandoned = true;
  }

  /** Whether the caller stopped waiting before the work ended: checked before each write. */
  public boolean abandoned() {
    return abandoned;
  }

  /** Whether the worker was left running by the call and has not ended yet. */
  boolean running() {
    return worker != null && !ended;
  }

  /**
   * Waits, on {@code clock}, until the worker ended or {@code deadline} passed; then a worker
   * still running is cut short (its request cancelled). Returns true when it ended by itself.
   */
  boolean awaitEnd(Clock clock, Instant deadline) throws InterruptedException {
    if (worker == null) {
      return true;
    }
    if (clock.awaitUntil(() -> ended, deadline)) {
      return true;
    }
    worker.cancel(true);
    return false;
  }

  /**
   * Before an inverse runs: the call's request still in flight when the run stopped ends first
   * (answered, or cut at the client's request timeout), so that what the server writes late
   * is undone too; the journal says so. Bounded by half of the undo's own time.
   */
  public void settle(dev.chaos.spi.CallContext undo) throws InterruptedException {
    if (!running()) {
      return;
    }
    undo.log("undo: waiting for the request that was in flight when the run stopped to end");
    // half of the undo's time at most: the other half deletes what it may have created
    java.time.Instant now = undo.clock().now();
    java.time.Instant until = now.plus(java.time.Duration.between(now, undo.deadline())
        .dividedBy(2));
    if (awaitEnd(undo.clock(), until)) {
      undo.log("undo: the request in flight ended; undoing what it wrote");
    } else {
      undo.log("undo: the request in flight did not end in time: cut short; undoing what it "
          + "may have written");
    }
  }
}
