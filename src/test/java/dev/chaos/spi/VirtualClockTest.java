package dev.chaos.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VirtualClockTest {
  private static final Instant T0 = Instant.parse("2025-01-06T03:00:00Z");

  private static long at(Clock clock) {
    return Duration.between(T0, clock.now()).toSeconds();
  }

  @Test
  void aLongSleepTakesNoRealTime() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    long started = System.nanoTime();
    clock.sleep(Duration.ofMinutes(20));
    assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  /**
   * The shape of a rehearsal: a main thread waiting 20 minutes in steps, three probes sampling
   * every 5 seconds. Every sample lands on its exact instant, the run takes well under a
   * second, and two runs interleave identically.
   */
  @Test
  void probesAndStepsShareTimeDeterministically() throws InterruptedException {
    List<String> first = rehearse();
    for (int run = 0; run < 10; run++) {
      assertThat(rehearse()).isEqualTo(first);
    }
    // samples at 0s, 5s, ..., 1195s; at 1200s the steps, asleep since 900s, go first and stop
    // the probes before they sample again
    assertThat(first).filteredOn(e -> e.startsWith("probe-0@")).hasSize(240);
    assertThat(first.subList(first.size() - 5, first.size())).containsExactly(
        "main step 3@1200", "probe-0 stopped@1200", "probe-1 stopped@1200",
        "probe-2 stopped@1200", "main done@1200");
  }

  private List<String> rehearse() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stepsOver = new AtomicBoolean();
    long started = System.nanoTime();
    Thread main = clock.start("main", () -> {
      List<Thread> probes = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        String name = "probe-" + p;
        probes.add(clock.start(name, () -> {
          try {
            while (!stepsOver.get()) {
              log.add(name + "@" + at(clock));
              clock.sleep(Duration.ofSeconds(5));
            }
          } catch (InterruptedException stopped) {
            log.add(name + " stopped@" + at(clock));
          }
        }));
      }
      try {
        for (int step = 0; step < 4; step++) {
          clock.sleep(Duration.ofMinutes(5));
          log.add("main step " + step + "@" + at(clock));
        }
        stepsOver.set(true);
        probes.forEach(Thread::interrupt);
        for (Thread probe : probes) {
          assertThat(clock.join(probe, clock.now().plusSeconds(1))).isTrue();
        }
        log.add("main done@" + at(clock));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    main.join();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    return List.copyOf(log);
  }

  @Test
  void aSleeperWakesInOrderOfWakeUpThenOfGoingToSleep() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread driver = clock.start("driver", () -> {
      List<Thread> sleepers = new ArrayList<>();
      for (String name : List.of("a", "b", "c")) {
        long seconds = name.equals("b") ? 5 : 10;
        sleepers.add(clock.start(name, () -> {
          try {
            clock.sleep(Duration.ofSeconds(seconds));
            log.add(name + "@" + at(clock));
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }));
      }
      try {
        for (Thread t : sleepers) {
          clock.join(t, T0.plusSeconds(60));
        }
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    driver.join();
    assertThat(log).containsExactly("b@5", "a@10", "c@10");
  }

  /**
   * A participant that never slept leaves while others sleep (a step that ends at +0s beside a
   * guard): its leaving must not disturb the sleepers, nor fail on its missing wake-up time.
   */
  @Test
  void aParticipantThatNeverSleptLeavesBesideSleepers() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread main = clock.start("main", () -> {
      Thread guard = clock.start("guard", () -> {
        try {
          clock.sleep(Duration.ofSeconds(5));
          log.add("guard@" + at(clock));
        } catch (InterruptedException e) {
          log.add("guard interrupted@" + at(clock));
        }
      });
      Thread step = clock.start("step", () -> log.add("step@" + at(clock)));
      try {
        clock.join(step, T0.plusSeconds(60));
        clock.join(guard, T0.plusSeconds(60));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    main.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    main.join(10_000);
    assertThat(failure.get()).isNull();
    assertThat(log).containsExactly("step@0", "guard@5");
  }

  /** A guard that trips in the middle of a long wait interrupts it at the guard's instant. */
  @Test
  void anInterruptEndsALongWaitAtOnce() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    AtomicReference<String> outcome = new AtomicReference<>();
    Thread main = clock.start("main", () -> {
      Thread self = Thread.currentThread();
      clock.start("guard", () -> {
        try {
          clock.sleep(Duration.ofSeconds(15));
          self.interrupt();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      try {
        clock.sleep(Duration.ofMinutes(10));
        outcome.set("slept");
      } catch (InterruptedException e) {
        outcome.set("interrupted@" + at(clock));
      }
    });
    main.join();
    assertThat(outcome.get()).isEqualTo("interrupted@15");
  }

  /**
   * Ctrl-C comes from a thread outside the clock. A busy participant holds time still, so the
   * interrupt reaches the sleeper before its wake-up, and it wakes at the instant it slept.
   */
  @Test
  void aThreadOutsideTheClockCanInterruptASleeper() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    AtomicReference<String> outcome = new AtomicReference<>();
    java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
    AtomicReference<Thread> sleeper = new AtomicReference<>();
    Thread worker = clock.start("worker", () -> {
      sleeper.set(clock.start("sleeper", () -> {
        try {
          clock.sleep(Duration.ofHours(1));
          outcome.set("slept");
        } catch (InterruptedException e) {
          outcome.set("interrupted@" + at(clock));
        }
      }));
      try {
        clock.sleep(Duration.ofMillis(1)); // lets the sleeper go to sleep
        busy.await(); // real work: the baton stays here, time stands still
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    while (sleeper.get() == null || sleeper.get().getState() != Thread.State.TIMED_WAITING
        || worker.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    sleeper.get().interrupt();
    busy.countDown();
    worker.join();
    sleeper.get().join();
    assertThat(outcome.get()).isEqualTo("interrupted@0");
  }

  @Test
  void anAlreadyInterruptedThreadDoesNotSleep() {
    VirtualClock clock = new VirtualClock(T0);
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> clock.sleep(Duration.ofSeconds(1)))
        .isInstanceOf(InterruptedException.class);
    assertThat(clock.now()).isEqualTo(T0);
  }

  @Test
  void awaitUntilWakesOnSignalOrAtTheDeadline() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    AtomicBoolean ready = new AtomicBoolean();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread main = clock.start("main", () -> {
      clock.start("setter", () -> {
        try {
          clock.sleep(Duration.ofSeconds(7));
          ready.set(true);
          clock.signal();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      try {
        log.add("early " + clock.awaitUntil(ready::get, T0.plusSeconds(5)) + "@" + at(clock));
        log.add("later " + clock.awaitUntil(ready::get, T0.plusSeconds(60)) + "@" + at(clock));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    main.join();
    assertThat(log).containsExactly("early false@5", "later true@7");
  }

  /** Time stands still while a participant works, however long that takes in real time. */
  @Test
  void timeDoesNotPassWhileAParticipantRuns() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread worker = clock.start("worker", () -> {
      clock.start("sleeper", () -> {
        try {
          clock.sleep(Duration.ofSeconds(1));
          log.add("sleeper woke@" + at(clock));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      try {
        Thread.sleep(50); // real work, outside the clock
        log.add("worker done working@" + at(clock));
        clock.sleep(Duration.ofSeconds(5));
        log.add("worker woke@" + at(clock));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    worker.join();
    assertThat(log).containsExactly("worker done working@0", "sleeper woke@1", "worker woke@5");
  }

  @Test
  void aRegisteredThreadKeepsTimeFromPassingItBy() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (Clock.Registration registration = clock.register()) {
      clock.start("probe", () -> {
        try {
          clock.sleep(Duration.ofSeconds(5));
          log.add("probe@" + at(clock));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      log.add("main@" + at(clock));
      clock.sleep(Duration.ofSeconds(10));
      log.add("main@" + at(clock));
    }
    assertThat(log).containsExactly("main@0", "probe@5", "main@10");
  }

  @Test
  void joinTimesOutAtTheDeadline() throws InterruptedException {
    VirtualClock clock = new VirtualClock(T0);
    AtomicReference<String> outcome = new AtomicReference<>();
    Thread main = clock.start("main", () -> {
      Thread slow = clock.start("slow", () -> {
        try {
          clock.sleep(Duration.ofMinutes(1));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      try {
        boolean early = clock.join(slow, T0.plusSeconds(10));
        String first = early + "@" + at(clock);
        boolean late = clock.join(slow, T0.plusSeconds(120));
        outcome.set(first + " " + late + "@" + at(clock));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    main.join();
    assertThat(outcome.get()).isEqualTo("false@10 true@60");
  }
}
