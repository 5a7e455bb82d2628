package dev.chaos.drivers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.faults.Lab;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A run stopped while `postgres.hold_connections` is still opening its connections: the
 * PostgreSQL primary is frozen (`scripts/lab pause`), so the connections are in flight when the
 * call is interrupted; its undo runs; once the server answers again, the connections that open
 * then are closed at once instead of being held for good. {@link Isolated}: nothing else may
 * connect to the lab's PostgreSQL while it is frozen.
 */
@EnabledIfEnvironmentVariable(named = "LAB_PG_JDBC_URL", matches = ".+")
@Isolated
class LabPgInFlightTest {
  private static final String APPLICATION = "chaos-in-flight";
  private static final String THREADS = "chaos-postgres-hold-" + APPLICATION + "-";

  private static long holdThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(THREADS) && t.isAlive()).count();
  }

  @Test
  void connectionsStillOpeningWhenTheRunStopsAreClosedOnceTheyOpen() throws Exception {
    assertThat(Lab.pgConnections(APPLICATION)).as("left over").isZero();
    try (PgClient client = new PgClient(Lab.env("LAB_PG_JDBC_URL"), "chaos", null)) {
      PgCallContext context = new PgCallContext(Duration.ofMinutes(3), false);
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      Thread call = new Thread(() -> {
        try {
          context.call(client, "postgres.hold_connections", "count", Value.integer(3),
              "application", Value.str(APPLICATION));
        } catch (Throwable t) {
          outcome.set(t);
        }
      }, "the step");
      Lab.pause("postgres-primary");
      try {
        call.start();
        await("three connections opening").atMost(Duration.ofMinutes(1))
            .until(() -> holdThreads() == 3 && context.undos.size() == 1);
        call.interrupt(); // what a stopped run does to its step
        call.join(60_000);
        assertThat(call.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        context.undo();
      } finally {
        Lab.resume("postgres-primary");
      }
      // each connection opens now, sees the undo done, and closes: its thread ends
      await("the connections opened late are closed").atMost(Duration.ofMinutes(3))
          .until(() -> holdThreads() == 0);
      assertThat(Lab.pgConnections(APPLICATION)).isZero();
    }
  }
}
