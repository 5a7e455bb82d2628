package dev.chaos.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for the sandbox and for tests: a discrete-event simulation whose processes are
 * ordinary Java threads, so the interpreter and its probe scheduler run unchanged on it.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>Participants.</b> Threads take part in the clock: those of {@link #start} from the
 *   moment the call returns (before they run), those that call {@link #register()} until they
 *   close the registration, and any thread that calls {@link #sleep} or {@link #awaitUntil}
 *   from its first such call on.
 *   <li><b>One runs at a time.</b> Participants pass a baton: exactly one of them runs, the
 *   others are asleep or queued. A running participant keeps the baton until it blocks on the
 *   clock ({@code sleep}, {@code awaitUntil}, {@code join}) or leaves it; then the first queued
 *   participant gets it.
 *   <li><b>Time advances only when every participant waits.</b> When the baton is passed and
 *   nobody is queued, the clock jumps to the earliest wake-up time of the sleepers and queues
 *   everyone due then, in the order they went to sleep.
 * </ul>
 *
 * <h2>Why this shape</h2>
 * A 20-minute runbook is mostly waiting: its main thread is in `wait 5m` or `wait until` while
 * probe threads sample every few seconds. Here each wait is a jump, so the run costs only the
 * work between the waits. The baton makes a rehearsal deterministic: a guard sampling at
 * t+10s and the step whose `wait 10s` ends at t+10s do not race; they run one after the other,
 * in the order they went to sleep, every time. Nothing can see time move while it computes: a
 * step's driver calls all happen at one instant, as if infinitely fast, and the world they read
 * is the world at that instant.
 *
 * <p>A guard that trips interrupts the main thread; the sleeper leaves the sleepers, queues for
 * the baton and, once it has it, throws {@link InterruptedException}. Interruption by threads
 * outside the clock (a Ctrl-C handler) works the same way. The state is guarded by a plain
 * monitor and waiters park, because neither touches the interrupt flag (a
 * {@code ReentrantLock} clears it for a moment while a thread queues for the lock): so when the
 * baton is passed, an interrupted sleeper is always seen as such, and time never jumps past
 * an interrupt.
 *
 * <h2>The one thing not to do</h2>
 * A participant must not block on anything but this clock (a {@code Thread.join}, a latch, a
 * queue): it would keep the baton, and whoever it waits for could never run. Wait for threads
 * with {@link #join} and for conditions with {@link #awaitUntil} plus {@link #signal()}. Work
 * done by threads outside the clock is not ordered with the participants.
 */
public final class VirtualClock implements Clock {
  /** How often a waiter checks that the holder of the baton is still alive. */
  private static final long DEAD_HOLDER_CHECK_NANOS = 100_000_000L;

  private final Object monitor = new Object();
  private final Map<Thread, Member> members = new HashMap<>();
  private final ArrayDeque<Member> queued = new ArrayDeque<>();
  /**
   * By wake-up time, then by when they went to sleep. A member that never slept has no wake-up
   * time and is never among the sleepers, but removing it (when it leaves, or is interrupted
   * before its first turn) still compares it: nulls sort first rather than fail.
   */
  private final TreeSet<Member> sleepers = new TreeSet<>(
      Comparator.comparing((Member m) -> m.wakeAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingLong(m -> m.order));
  private volatile Instant now;
  private Member running;
  private long order;
  private long generation;

  /** A participant thread and where it stands. */
  private static final class Member {
    final Thread thread;
    Instant wakeAt;
    long order;
    boolean wakesOnSignal;

    Member(Thread thread) {
      this.thread = thread;
    }
  }

  public VirtualClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    Member self;
    synchronized (monitor) {
      self = memberOfCaller();
      goToSleep(self, now.plus(duration), false);
    }
    awaitWakeUp(self);
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
      if (!now.isBefore(deadline)) {
        return false;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      Member self;
      synchronized (monitor) {
        if (generation != seen) {
          continue; // a signal came while the condition was evaluated: evaluate it again
        }
        self = memberOfCaller();
        goToSleep(self, deadline, true);
      }
      awaitWakeUp(self);
    }
  }

  @Override
  public void signal() {
    synchronized (monitor) {
      signalLocked();
    }
  }

  @Override
  public Thread start(String name, Runnable body) {
    Member[] self = new Member[1];
    Thread thread = new Thread(() -> {
      if (awaitTurn(self[0])) {
        Thread.currentThread().interrupt(); // kept for the body's first wait
      }
      try {
        body.run();
      } finally {
        leave(self[0]);
      }
    }, name);
    thread.setDaemon(true);
    synchronized (monitor) {
      self[0] = new Member(thread);
      members.put(thread, self[0]);
      queued.add(self[0]);
      // started inside the monitor, so that nobody mistakes it for a dead holder of the baton
      thread.start();
      if (running == null) {
        passBaton();
      }
    }
    return thread;
  }

  @Override
  public boolean join(Thread thread, Instant deadline) throws InterruptedException {
    return awaitUntil(() -> !isMember(thread), deadline);
  }

  @Override
  public Registration register() {
    Member member;
    synchronized (monitor) {
      if (members.containsKey(Thread.currentThread())) {
        return () -> { };
      }
      member = new Member(Thread.currentThread());
      members.put(member.thread, member);
      queued.add(member);
      if (running == null) {
        passBaton();
      }
    }
    if (awaitTurn(member)) {
      Thread.currentThread().interrupt();
    }
    boolean[] closed = new boolean[1];
    return () -> {
      if (!closed[0]) {
        closed[0] = true;
        leave(member);
      }
    };
  }

  /** Whether {@code thread} still takes part in this clock. */
  public boolean isMember(Thread thread) {
    synchronized (monitor) {
      return members.containsKey(thread);
    }
  }

  private Member memberOfCaller() {
    return members.computeIfAbsent(Thread.currentThread(), Member::new);
  }

  /** Puts {@code self} among the sleepers and passes the baton on. Called inside the monitor. */
  private void goToSleep(Member self, Instant wakeAt, boolean wakesOnSignal) {
    self.wakeAt = wakeAt;
    self.order = order++;
    self.wakesOnSignal = wakesOnSignal;
    sleepers.add(self);
    if (running == self) {
      running = null;
    }
    if (running == null) {
      passBaton();
    }
  }

  /**
   * Returns once the sleeper holds the baton again. An interrupt that came after the wake-up
   * but before the baton counts too, so that the outcome does not depend on how the JVM
   * ordered the two.
   */
  private void awaitWakeUp(Member self) throws InterruptedException {
    if (awaitTurn(self) | Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /**
   * Parks until {@code self} has the baton; returns whether the thread was interrupted
   * meanwhile. Only this loop clears the interrupt flag, inside the monitor and in the same
   * breath as it moves the sleeper to the queue, so {@link #passBaton()} never misses an
   * interrupt.
   *
   * <p>A thread that registered by sleeping and then ended while holding the baton would stall
   * everyone, so a waiter that finds the holder dead takes the baton from it.
   */
  private boolean awaitTurn(Member self) {
    boolean interrupted = false;
    while (true) {
      synchronized (monitor) {
        if (running == self) {
          return interrupted;
        }
        if (Thread.interrupted()) {
          interrupted = true;
          if (sleepers.remove(self)) {
            queued.add(self);
          }
          if (running == null) {
            passBaton();
          }
          continue;
        }
        if (running != null && !running.thread.isAlive()) {
          leaveLocked(running);
          continue;
        }
      }
      LockSupport.parkNanos(this, DEAD_HOLDER_CHECK_NANOS);
    }
  }

  /** Gives the baton to the first queued member, advancing time when nobody is queued. */
  private void passBaton() {
    // Thread.interrupt() sets the flag before it returns, so an interrupted sleeper is seen here
    // even before its own thread has noticed: it runs next instead of time jumping past it.
    for (var it = sleepers.iterator(); it.hasNext(); ) {
      Member sleeper = it.next();
      if (sleeper.thread.isInterrupted()) {
        it.remove();
        queued.add(sleeper);
      }
    }
    if (queued.isEmpty() && !sleepers.isEmpty()) {
      Instant earliest = sleepers.first().wakeAt;
      if (earliest.isAfter(now)) {
        now = earliest;
      }
      while (!sleepers.isEmpty() && !sleepers.first().wakeAt.isAfter(now)) {
        queued.add(sleepers.pollFirst());
      }
    }
    Member next = queued.poll();
    if (next != null) {
      running = next;
      LockSupport.unpark(next.thread);
    }
  }

  private void signalLocked() {
    generation++;
    var woken = sleepers.stream().filter(m -> m.wakesOnSignal).toList();
    sleepers.removeAll(woken);
    queued.addAll(woken);
    if (running == null) {
      passBaton();
    }
  }

  private void leave(Member member) {
    synchronized (monitor) {
      leaveLocked(member);
    }
  }

  private void leaveLocked(Member member) {
    members.remove(member.thread);
    queued.remove(member);
    sleepers.remove(member);
    if (running == member) {
      running = null;
    }
    // whoever joins this thread re-checks now
    signalLocked();
    if (running == null) {
      passBaton();
    }
  }
}
