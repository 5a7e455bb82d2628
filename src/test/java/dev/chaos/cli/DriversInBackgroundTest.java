package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.DriverRegistry;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The driver tables a check loads on a thread of its own while it parses. */
class DriversInBackgroundTest {
  @Test
  void everyCallerGetsTheOneRegistryLoadedOnce() {
    AtomicInteger loads = new AtomicInteger();
    DriversInBackground drivers = DriversInBackground.start(() -> {
      loads.incrementAndGet();
      return new DriverRegistry(List.of());
    });
    DriverRegistry first = drivers.get();
    assertThat(drivers.get()).isSameAs(first);
    assertThat(loads).hasValue(1);
  }

  @Test
  void aFailureToLoadReachesEveryCallerAsItself() {
    IllegalStateException failure = new IllegalStateException("two drivers claim namespace `k8s`");
    DriversInBackground drivers = DriversInBackground.start(() -> {
      throw failure;
    });
    assertThatThrownBy(drivers::get).isSameAs(failure);
    assertThatThrownBy(drivers::get).isSameAs(failure);
  }

  @Test
  void anInterruptedCallerStillGetsTheRegistryAndKeepsItsInterrupt() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    DriverRegistry registry = new DriverRegistry(List.of());
    DriversInBackground drivers = DriversInBackground.start(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return registry;
    });
    // released only once this thread, interrupted in its first wait, waits again
    Thread caller = Thread.currentThread();
    Thread releaser = new Thread(() -> {
      while (caller.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      release.countDown();
    });
    releaser.setDaemon(true);
    releaser.start();
    caller.interrupt();
    assertThat(drivers.get()).isSameAs(registry);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void theRealTablesLoadInTheBackground() {
    assertThat(DriversInBackground.start().get().driver("k8s")).isNotNull();
  }
}
