package dev.chaos.spi;

import java.time.Duration;

/**
 * A runbook's `lock`: one run per lock name at a time, whoever starts it and from wherever (a
 * Kubernetes Lease in real runs). {@link Backend#lock} takes it; {@link #release()} gives it
 * back when the run ends.
 */
public interface RunLock {
  /** A lock that is only recorded: the sandbox's, and a dry run's. */
  RunLock RECORDED = () -> { };

  /** Gives the lock back; the run's result does not depend on it, so it does not throw. */
  void release();

  /** Why a lock could not be taken: held by another run, or the lock store is unreachable. */
  final class Refused extends Exception {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** What a backend holds locks with: {@code hold} bounds a run that dies without releasing. */
  @FunctionalInterface
  interface Store {
    RunLock take(String name, String holder, Duration hold) throws Refused, InterruptedException;
  }
}
