package dev.chaos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SystemClockTest {
  @Test
  void awaitUntilReturnsOnSignalLongBeforeTheDeadline() throws InterruptedException {
    SystemClock clock = new SystemClock();
    AtomicBoolean ready = new AtomicBoolean();
    clock.start("setter", () -> {
      try {
        clock.sleep(Duration.ofMillis(50));
      } catch (InterruptedException e) {
        return;
      }
      ready.set(true);
      clock.signal();
    });
    long started = System.nanoTime();
    assertThat(clock.awaitUntil(ready::get, clock.now().plusSeconds(5))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void awaitUntilGivesUpAtTheDeadline() throws InterruptedException {
    SystemClock clock = new SystemClock();
    Instant deadline = clock.now().plusMillis(30);
    assertThat(clock.awaitUntil(() -> false, deadline)).isFalse();
    assertThat(clock.now()).isAfterOrEqualTo(deadline);
  }

  @Test
  void sleepIsInterruptible() throws InterruptedException {
    SystemClock clock = new SystemClock();
    AtomicBoolean interrupted = new AtomicBoolean();
    Thread sleeper = clock.start("sleeper", () -> {
      try {
        clock.sleep(Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    sleeper.interrupt();
    assertThat(clock.join(sleeper, clock.now().plusSeconds(5))).isTrue();
    assertThat(interrupted).isTrue();
  }
}
