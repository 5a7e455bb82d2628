package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PgWorldTest {
  private final World world = WorldLoader.defaultWorld();
  private final PgWorld pg = world.postgres();

  private double errorRate() {
    return world.prometheus().scalar("chaos:slo:error_rate:1m");
  }

  private double series(String name) {
    return world.prometheus().scalar(name);
  }

  @Test
  void heldConnectionsTakeSlotsAndTheApplicationsFailOnlyWhenTheyLackConnections()
      throws InterruptedException {
    assertThat(pg.connections(null, null)).isEqualTo(18);
    assertThat(pg.connections("active", null)).isEqualTo(10);
    assertThat(pg.scalar("SHOW superuser_reserved_connections")).isEqualTo("3");
    PgWorld.Hold hold = pg.holdConnections(79, "chaos", null);
    assertThat(hold.count()).isEqualTo(79);
    assertThat(pg.connections(null, "chaos")).isEqualTo(1); // they open one every 20ms
    world.clock().sleep(Duration.ofSeconds(2));
    assertThat(pg.connections(null, "chaos")).isEqualTo(79);
    assertThat(pg.connections("idle", "chaos")).isEqualTo(79);
    assertThat(pg.connections(null, null)).isEqualTo(97);
    // 100 - 3 reserved - 79 held = the applications' 18: nobody waits, the error rate stays
    assertThat(errorRate()).isCloseTo(0.0002, Offset.offset(1e-9));
    assertThat(series("chaos:app:circuit_breaker_open")).isZero();

    PgWorld.Hold more = pg.holdConnections(30, "more", null);
    assertThat(more.count()).isEqualTo(21); // every slot the first hold left, reserved ones too
    world.clock().sleep(Duration.ofSeconds(1));
    // no slot left: the gateway's reads that miss the cache (20%) fail, fast, through its
    // open breaker; the rest come from the cache
    assertThat(pg.connections(null, "backend")).isZero();
    assertThat(errorRate()).isCloseTo(0.2, Offset.offset(0.001));
    assertThat(series("chaos:app:circuit_breaker_open")).isEqualTo(1.0);
    assertThat(series("chaos:slo:latency:p95:1m")).isLessThan(0.5);

    pg.release(hold);
    assertThat(pg.connections(null, "chaos")).isZero();
    assertThat(pg.terminate("more")).isEqualTo(21);
    assertThat(pg.connections(null, null)).isEqualTo(18);
    // the breaker's trial succeeds open_for (5s) after the database last refused
    assertThat(series("chaos:app:circuit_breaker_open")).isEqualTo(1.0);
    world.clock().sleep(Duration.ofSeconds(5));
    assertThat(series("chaos:app:circuit_breaker_open")).isZero();
    assertThat(errorRate()).isCloseTo(0.0003, Offset.offset(1e-9));
  }

  @Test
  void belowItsThresholdTheBreakerStaysClosedAndRefusedReadsWaitAndRetry()
      throws InterruptedException {
    // 85 held leave 12 slots for the 18 the applications need: a third of the gateway's
    // reads from PostgreSQL find none; each such try waits the pool's 1s and is retried
    // (twice): 0.33^3 of the 20% that miss the cache fail, 0.7%
    pg.holdConnections(85, "chaos", null);
    world.clock().sleep(Duration.ofSeconds(2));
    assertThat(series("chaos:app:db_refused:ratio1m")).isCloseTo(1 - 12.0 / 18,
        Offset.offset(1e-9));
    assertThat(series("chaos:app:circuit_breaker_open")).isZero();
    assertThat(errorRate()).isBetween(0.006, 0.009);
    // retries: 20 requests/s x 20% misses x (1/3 + 1/9)
    assertThat(series("chaos:app:db_retries:rate1m")).isCloseTo(20 * 0.2 * (4.0 / 9),
        Offset.offset(0.01));
    assertThat(series("chaos:slo:latency:p95:1m")).isGreaterThan(1.0);
    // 5 more leave 7 of 18: 61% refused, past the breaker's 50%: the reads fail fast
    pg.holdConnections(5, "chaos", null);
    world.clock().sleep(Duration.ofSeconds(1));
    assertThat(series("chaos:app:circuit_breaker_open")).isEqualTo(1.0);
    assertThat(errorRate()).isCloseTo(0.2, Offset.offset(0.001));
    assertThat(series("chaos:slo:latency:p95:1m")).isLessThan(0.5);
    // while open only the half-open trials retry: 3 gateway pods x 2 retries x 0.61^k / 5s
    assertThat(series("chaos:app:db_retries:rate1m")).isBetween(0.5, 1.2);
  }

  @Test
  void heldConnectionsCloseWhenTheirHoldRunsOut() throws InterruptedException {
    pg.holdConnections(80, "chaos", Duration.ofMinutes(2));
    world.clock().sleep(Duration.ofMinutes(1));
    assertThat(pg.connections(null, "chaos")).isEqualTo(80);
    world.clock().sleep(Duration.ofMinutes(1));
    assertThat(pg.connections(null, "chaos")).isZero();
    assertThat(pg.terminate("chaos")).isZero();
  }

  @Test
  void terminatedApplicationsReconnect() throws InterruptedException {
    assertThat(pg.terminate("backend")).isEqualTo(6);
    assertThat(pg.connections(null, "backend")).isZero();
    world.clock().sleep(Duration.ofSeconds(2));
    assertThat(pg.connections(null, "backend")).isEqualTo(6);
  }

  @Test
  void queriesAndReplication() {
    assertThat(pg.scalar("SELECT count(*) FROM pg_stat_activity")).isEqualTo(18L);
    assertThat(pg.scalar("select count(*)\n  from pg_stat_activity where state = 'active';"))
        .isEqualTo(10L);
    assertThat(pg.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
        + "'backend' AND state = 'idle'")).isEqualTo(2L);
    assertThat(pg.scalar("SELECT count(*) FROM pg_stat_replication")).isEqualTo(1L);
    assertThat(pg.scalar("select version()")).isEqualTo("PostgreSQL 15.4 on x86_64-pc-linux-gnu");
    assertThatThrownBy(() -> pg.scalar("SELECT * FROM users"))
        .hasMessage("the sandbox world has no answer to `SELECT * FROM users`; add it under"
            + " `postgres.queries` in the world file");
    assertThatThrownBy(() -> pg.execute("DELETE FROM sessions"))
        .hasMessageContaining("postgres.statements");
    assertThat(pg.replicas()).isEqualTo(1);
    assertThat(pg.replicationLag()).isEqualTo(Duration.ofMillis(40));
  }
}
