package dev.chaos.drivers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The live `postgres` functions against the lab's real primary and streaming replica
 * ({@code scripts/lab up}, then {@code . target/lab/lab.env}); skipped when
 * {@code LAB_PG_JDBC_URL} is not set.
 */
@EnabledIfEnvironmentVariable(named = "LAB_PG_JDBC_URL", matches = ".+")
class LabPgTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);

  private PgClient primary;

  @BeforeEach
  void connect() {
    primary = new PgClient(System.getenv("LAB_PG_JDBC_URL"), "chaos", null);
  }

  @AfterEach
  void close() {
    primary.close();
  }

  @Test
  void scalarReturnsTheFirstColumnAsJson() throws Exception {
    assertThat(PgCallContext.call(primary, BUDGET, "postgres.scalar", "sql",
        Value.str("SELECT 1"))).isEqualTo(JsonTree.of(1L));
    assertThat(PgCallContext.call(primary, BUDGET, "postgres.scalar", "sql",
        Value.str("SELECT '{\"a\": [1, 2.5]}'::jsonb"))).isEqualTo(JsonTree.of(
            java.util.Map.of("a", java.util.List.of(1L, 2.5))));
    assertThat(PgCallContext.call(primary, BUDGET, "postgres.scalar", "sql",
        Value.str("SHOW max_connections"))).isInstanceOf(Value.Json.class);
  }

  @Test
  void scalarErrorsAreOneLineAndReadOnly() {
    assertThatThrownBy(() -> PgCallContext.call(primary, BUDGET, "postgres.scalar", "sql",
        Value.str("SELECT * FROM chaos_no_such_table")))
        .isInstanceOf(PgException.class)
        .hasMessageStartingWith("postgres " + primary.target() + ": ERROR: relation")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> PgCallContext.call(primary, BUDGET, "postgres.scalar", "sql",
        Value.str("CREATE TABLE chaos_scalar_write (x int)")))
        .hasMessageContaining("read-only transaction");
    assertThatThrownBy(() -> PgCallContext.call(primary, Duration.ofMillis(1500),
        "postgres.scalar", "sql", Value.str("SELECT pg_sleep(10)")))
        .hasMessage("postgres " + primary.target() + ": timed out after 1.5s");
  }

  @Test
  void heldConnectionsAreSeenInPgStatActivityAndGoneAfterTheInverse() throws Exception {
    String application = "chaos-lab-hold-" + System.nanoTime();
    PgCallContext context = new PgCallContext(BUDGET, false);

    context.call(primary, "postgres.hold_connections", "count", Value.integer(4),
        "application", Value.str(application));

    assertThat(context.undos).hasSize(1);
    assertThat(context.log).isEmpty();
    awaitConnections(application, n -> n == 4);
    assertThat(PgCallContext.call(primary, BUDGET, "postgres.connections",
        "state", Value.str("idle"), "application", Value.str(application)))
        .isEqualTo(Value.integer(4));
    context.undo();
    awaitConnections(application, n -> n == 0);
  }

  @Test
  void heldConnectionsCloseWhenTheHoldPasses() throws Exception {
    String application = "chaos-lab-hold-for-" + System.nanoTime();
    PgCallContext context = new PgCallContext(BUDGET, false);

    context.call(primary, "postgres.hold_connections", "count", Value.integer(2),
        "application", Value.str(application), "hold", Value.duration(Duration.ofSeconds(1)));

    awaitConnections(application, n -> n == 2);
    awaitConnections(application, n -> n == 0);
  }

  @Test
  void terminateEndsTheBackendsOfAnApplication() throws Exception {
    String application = "chaos-lab-terminate-" + System.nanoTime();
    PgCallContext context = new PgCallContext(BUDGET, false);
    context.call(primary, "postgres.hold_connections", "count", Value.integer(3),
        "application", Value.str(application));
    awaitConnections(application, n -> n == 3);
    PgCallContext dry = new PgCallContext(BUDGET, true);
    assertThat(dry.call(primary, "postgres.terminate", "application", Value.str(application)))
        .isEqualTo(Value.integer(3));
    assertThat(dry.previews).extracting(dev.chaos.spi.Preview::action).containsExactly(
        "terminate the 3 backends of application `" + application + "`");
    awaitConnections(application, n -> n == 3);

    assertThat(PgCallContext.call(primary, BUDGET, "postgres.terminate",
        "application", Value.str(application))).isEqualTo(Value.integer(3));

    awaitConnections(application, n -> n == 0);
    context.undo(); // closing connections the server already ended is harmless
  }

  @Test
  void executeCountsChangedRowsAndADryRunRollsBack() throws Exception {
    String table = "chaos_lab_execute_" + System.nanoTime();
    PgCallContext.call(primary, BUDGET, "postgres.execute", "sql",
        Value.str("CREATE TABLE " + table + " (x int)"));
    try {
      assertThat(PgCallContext.call(primary, BUDGET, "postgres.execute", "sql",
          Value.str("INSERT INTO " + table + " SELECT generate_series(1, 5)")))
          .isEqualTo(Value.integer(5));
      PgCallContext dry = new PgCallContext(BUDGET, true);
      assertThat(dry.call(primary, "postgres.execute", "sql",
          Value.str("DELETE FROM " + table + " WHERE x > 2"))).isEqualTo(Value.integer(3));
      assertThat(dry.log).hasSize(1);
      assertThat(dry.previews).extracting(dev.chaos.spi.Preview::action).containsExactly(
          "execute `DELETE FROM " + table + " WHERE x > 2` (in a dry run: in a transaction"
              + " that is rolled back)");
      assertThat(PgCallContext.call(primary, BUDGET, "postgres.scalar", "sql",
          Value.str("SELECT count(*) FROM " + table))).isEqualTo(JsonTree.of(5L));
    } finally {
      PgCallContext.call(primary, BUDGET, "postgres.execute", "sql",
          Value.str("DROP TABLE " + table));
    }
  }

  @Test
  void replicationLagIsReadFromTheRealReplica() throws Exception {
    assertThat(PgCallContext.call(primary, BUDGET, "postgres.replicas"))
        .isEqualTo(Value.integer(1));
    Value lag = PgCallContext.call(primary, BUDGET, "postgres.replication_lag");
    assertThat(lag).isInstanceOf(Value.Duration.class);
    assertThat(((Value.Duration) lag).value()).isBetween(Duration.ZERO, Duration.ofSeconds(30));

    String replicaUrl = System.getenv("LAB_PG_REPLICA_JDBC_URL");
    try (PgClient replica = new PgClient(replicaUrl, "chaos", null)) {
      assertThat(PgCallContext.call(replica, BUDGET, "postgres.scalar", "sql",
          Value.str("SELECT pg_is_in_recovery()"))).isEqualTo(JsonTree.of(true));
      Value standbyLag = PgCallContext.call(replica, BUDGET, "postgres.replication_lag");
      assertThat(((Value.Duration) standbyLag).value())
          .isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }
  }

  @Test
  void aReplicaWhoseReplayIsPausedLagsBehind() throws Exception {
    String replicaUrl = System.getenv("LAB_PG_REPLICA_JDBC_URL");
    String table = "chaos_lab_lag_" + System.nanoTime();
    try (PgClient replica = new PgClient(replicaUrl, "chaos", null)) {
      PgCallContext.call(replica, BUDGET, "postgres.execute", "sql",
          Value.str("SELECT pg_wal_replay_pause()"));
      try {
        PgCallContext.call(primary, BUDGET, "postgres.execute", "sql",
            Value.str("CREATE TABLE " + table + " (x int)"));
        Thread.sleep(1_500);

        Duration seenByPrimary = ((Value.Duration) PgCallContext.call(primary, BUDGET,
            "postgres.replication_lag")).value();
        Duration seenByReplica = ((Value.Duration) PgCallContext.call(replica, BUDGET,
            "postgres.replication_lag")).value();
        assertThat(seenByPrimary).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(seenByReplica).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      } finally {
        PgCallContext.call(replica, BUDGET, "postgres.execute", "sql",
            Value.str("SELECT pg_wal_replay_resume()"));
        PgCallContext.call(primary, BUDGET, "postgres.execute", "sql",
            Value.str("DROP TABLE IF EXISTS " + table));
      }
    }
  }

  /** Waits up to 5s until the connections of {@code application} satisfy {@code expected}. */
  private void awaitConnections(String application, LongPredicate expected) throws Exception {
    Instant until = Instant.now().plusSeconds(5);
    long seen;
    do {
      seen = ((Value.Int) PgCallContext.call(primary, BUDGET, "postgres.connections",
          "application", Value.str(application))).value();
      if (expected.test(seen)) {
        return;
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(until));
    throw new AssertionError("connections of " + application + " stayed " + seen);
  }
}
