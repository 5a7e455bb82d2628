package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DemoDatabaseTest {
  private static final SQLException TOO_MANY = new SQLException(
      "FATAL: remaining connection slots are reserved for non-replication superuser connections",
      "53300");

  private final DbBreakerTest.FakeClock clock = new DbBreakerTest.FakeClock();
  private final DbBreaker breaker = new DbBreaker(clock, open -> { });
  private final List<Duration> pauses = new ArrayList<>();
  private final AtomicInteger retries = new AtomicInteger();
  /** What each connection attempt does: null connects, an exception is thrown. */
  private final Deque<SQLException> attempts = new ArrayDeque<>();
  private final AtomicInteger connects = new AtomicInteger();
  private final DemoDatabase database = new DemoDatabase(this::connect, breaker, pauses::add,
      retries::incrementAndGet);

  private Connection connect() throws SQLException {
    connects.incrementAndGet();
    SQLException next = attempts.isEmpty() ? null : attempts.removeFirst();
    if (next != null) {
      throw next;
    }
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
  }

  private void refuse(int times) {
    for (int i = 0; i < times; i++) {
      attempts.addLast(TOO_MANY);
    }
  }

  @Test
  void aRefusedConnectionIsRetriedAfterTheBackoffAndCounted() throws Exception {
    refuse(2);

    String row = database.call(c -> "row");
    assertThat(row).isEqualTo("row");

    assertThat(connects).hasValue(3);
    assertThat(retries).hasValue(2);
    assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void afterTheLastRetryTheCallFailsSayingWhy() {
    refuse(3);

    assertThatThrownBy(() -> database.call(c -> "row"))
        .isInstanceOf(DemoDatabase.Unavailable.class)
        .hasMessage("database unavailable (too many connections), retry later");
    assertThat(connects).hasValue(3);
    assertThat(retries).hasValue(2);
  }

  @Test
  void aQueryErrorIsNotRetried() {
    assertThatThrownBy(() -> database.call(c -> {
      throw new SQLException("relation does not exist", "42P01");
    })).isInstanceOf(DemoDatabase.Unavailable.class).hasMessageContaining("query failed");
    assertThat(connects).hasValue(1);
    assertThat(retries).hasValue(0);
  }

  @Test
  void whileTheBreakerIsOpenCallsFailAtOnceWithoutConnectingOrRetrying() {
    refuse(3 * DbBreaker.MIN_CALLS);
    for (int i = 0; i < DbBreaker.MIN_CALLS; i++) {
      assertThatThrownBy(() -> database.call(c -> "row")).isInstanceOf(DemoDatabase.Unavailable.class);
    }
    assertThat(breaker.open()).isTrue();
    int connectsBefore = connects.get();
    int retriesBefore = retries.get();

    assertThatThrownBy(() -> database.call(c -> "row"))
        .hasMessage(DemoDatabase.CIRCUIT_OPEN);

    assertThat(connects).hasValue(connectsBefore);
    assertThat(retries).hasValue(retriesBefore);
  }

  @Test
  void theHalfOpenTrialIsOneAttemptAndItsSuccessClosesTheBreaker() throws Exception {
    refuse(3 * DbBreaker.MIN_CALLS + 1);
    for (int i = 0; i < DbBreaker.MIN_CALLS; i++) {
      assertThatThrownBy(() -> database.call(c -> "row")).isInstanceOf(DemoDatabase.Unavailable.class);
    }
    clock.advance(DbBreaker.OPEN_FOR);
    int retriesBefore = retries.get();

    assertThatThrownBy(() -> database.call(c -> "row")).hasMessageContaining("too many connections");
    assertThat(retries).as("the trial is not retried").hasValue(retriesBefore);
    assertThat(breaker.open()).isTrue();

    clock.advance(DbBreaker.OPEN_FOR); // the connections were released meanwhile
    String row = database.call(c -> "row");
    assertThat(row).isEqualTo("row");
    assertThat(breaker.open()).isFalse();
  }

  @Test
  void onlyRefusalsARetryCanCureAreRetried() {
    assertThat(DemoDatabase.retriable(TOO_MANY)).isTrue();
    assertThat(DemoDatabase.retriable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    assertThat(DemoDatabase.retriable(new SQLException("Connection refused", "08001"))).isTrue();
    assertThat(DemoDatabase.retriable(new SQLException("password authentication failed", "28P01"))).isFalse();
    assertThat(DemoDatabase.retriable(new SQLException("no state"))).isFalse();
  }

  @Test
  void beyondTheBulkheadACallFailsAtOnceWithoutConnecting() throws Exception {
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(
        DemoDatabase.MAX_CONCURRENT);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < DemoDatabase.MAX_CONCURRENT; i++) {
      Thread caller = new Thread(() -> {
        try {
          database.call(c -> {
            inside.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new SQLException(e);
            }
            return "row";
          });
        } catch (DemoDatabase.Unavailable e) {
          throw new AssertionError(e);
        }
      });
      caller.start();
      callers.add(caller);
    }
    inside.await();
    int connectsBefore = connects.get();

    assertThatThrownBy(() -> database.call(c -> "row")).hasMessage(DemoDatabase.BUSY);
    assertThat(connects).hasValue(connectsBefore);
    assertThat(breaker.open()).isFalse();

    release.countDown();
    for (Thread caller : callers) {
      caller.join();
    }
    String row = database.call(c -> "row");
    assertThat(row).isEqualTo("row");
  }
}
