package dev.chaos.spi;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A runbook's `lock`: one run per lock name at a time, whoever starts it and from wherever (a
 * Kubernetes Lease in real runs, renewed while the run lasts). {@link Backend#lock} takes it;
 * {@link #release()} gives it back when the run ends.
 */
public interface RunLock {
  /** A lock that is only recorded: the sandbox's, and a dry run's. */
  RunLock RECORDED = () -> { };

  /**
   * Gives the lock back. The run's verdict does not depend on it: a lock that cannot be given
   * back expires on its own, and {@link NotReleased} says so, for the run's problems.
   */
  void release() throws NotReleased;

  /**
   * The lock could not be given back: the message names the lock, where it is kept, why, and when
   * it expires ("could not release the lock `x` (Lease ns/chaos-lock-x): ...; it expires at T").
   */
  final class NotReleased extends Exception {
    public NotReleased(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Who takes a lock: {@link #identity()} is `HOST/PID/RUNID` (crash recovery parses it); the
   * rest is shown to a run that finds the lock taken, and kept beside the lock.
   *
   * @param journal the absolute path of the run's journal, or null when it has none
   */
  record Holder(String host, long pid, String runId, String runbook, String user,
      String journal, Instant started) {
    public String identity() {
      return host + "/" + pid + "/" + runId;
    }
  }

  /** Why a lock could not be taken: held by another run, or the lock store is unreachable. */
  final class Refused extends Exception {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A lock as its store shows it: who holds it, until when ({@code expired} once that passed),
   * and the journal of the run that holds it when the store records one (null otherwise).
   */
  record Held(String name, String holder, java.time.Instant until, boolean expired,
      String journal, String where) {}

  /** What a backend holds locks with. */
  @FunctionalInterface
  interface Store {
    /**
     * Takes {@code name} for {@code holder} and keeps it while the run lasts; when it can no
     * longer be kept (taken by another holder, deleted, the store unreachable until the lock
     * would expire), {@code lost} is told why, once, from another thread.
     */
    RunLock take(String name, Holder holder, Consumer<String> lost)
        throws Refused, InterruptedException;

    /** The lock {@code name} as it is held now; empty when free. */
    default java.util.Optional<Held> held(String name) throws Exception {
      return java.util.Optional.empty();
    }

    /**
     * `chaos recover`: gives back the lock {@code name} of a run that died, only while {@code
     * mine} says it is still that run's (its holder, or its journal); returns what was released,
     * empty when nothing was.
     */
    default java.util.Optional<Held> releaseIf(String name,
        java.util.function.Predicate<Held> mine) throws Exception {
      return java.util.Optional.empty();
    }

    /** `chaos abort`: gives back every lock of chaos runs; returns those released. */
    default java.util.List<Held> releaseAll() throws Exception {
      return java.util.List.of();
    }
  }
}
