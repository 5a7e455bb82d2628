package dev.chaos.drivers.postgres;

import dev.chaos.spi.CallContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Real idle connections carrying one `application_name`, each opened and held by a daemon
 * thread of its own until {@link #release} or until the hold time passes. Holding is wall-clock
 * time on the server, so the threads wait on real time, not on the run's clock.
 */
final class HeldConnections {
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch attempted;
  private final AtomicInteger opened = new AtomicInteger();
  private volatile String refusal;

  private HeldConnections(int count) {
    this.attempted = new CountDownLatch(count);
  }

  /**
   * Starts {@code count} threads that each open a connection within the call's budget and hold
   * it for {@code hold} (null: until released), hands them to {@code started} (the undo), then
   * waits until every open has been attempted or the call's deadline passes, so that the call
   * can say how many the server refused.
   */
  static HeldConnections open(PgClient client, CallContext context, int count,
      String application, Duration hold, Consumer<HeldConnections> started)
      throws InterruptedException {
    HeldConnections held = new HeldConnections(count);
    Duration budget = Duration.between(context.clock().now(), context.deadline());
    Duration connectBudget = budget.isNegative() || budget.isZero() ? Duration.ofSeconds(1)
        : budget;
    for (int i = 1; i <= count; i++) {
      Thread thread = new Thread(() -> held.holdOne(client, application, connectBudget, hold),
          "chaos-postgres-hold-" + application + "-" + i);
      thread.setDaemon(true);
      held.threads.add(thread);
      thread.start();
    }
    // handed over before the wait: a run stopped while connections are still opening closes them
    started.accept(held);
    long millis = Math.max(0, budget.toMillis());
    held.attempted.await(millis, TimeUnit.MILLISECONDS);
    return held;
  }

  /** How many connections are open and held now. */
  int opened() {
    return opened.get();
  }

  /** Why a connection could not be opened (the first reason), or null. */
  String refusal() {
    return refusal;
  }

  /** Closes every held connection and waits for the threads until {@code deadline}. */
  void release(Instant deadline) throws InterruptedException {
    released.countDown();
    for (Thread thread : threads) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left > 0) {
        thread.join(left);
      }
    }
  }

  private void holdOne(PgClient client, String application, Duration connectBudget,
      Duration hold) {
    Connection connection;
    try {
      connection = client.connectToHold(application, connectBudget);
    } catch (SQLException e) {
      if (refusal == null) {
        refusal = PgClient.describe(e, connectBudget);
      }
      attempted.countDown();
      return;
    }
    opened.incrementAndGet();
    attempted.countDown();
    try (connection) {
      if (hold == null) {
        released.await();
      } else {
        released.await(hold.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException | SQLException e) {
      // closing is all that is left to do, and try-with-resources does it
    } finally {
      opened.decrementAndGet();
    }
  }
}
