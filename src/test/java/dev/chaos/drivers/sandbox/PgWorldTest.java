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

  @Test
  void heldConnectionsTakeSlotsAndTheApplicationsFailOnlyWhenTheyLackConnections()
      throws InterruptedException {
    assertThat(pg.connections(null, null)).isEqualTo(18);
    assertThat(pg.connections("active", null)).isEqualTo(10);
    PgWorld.Hold hold = pg.holdConnections(80, "chaos", null);
    assertThat(hold.count()).isEqualTo(80);
    assertThat(pg.connections(null, "chaos")).isEqualTo(1); // they open one every 20ms
    world.clock().sleep(Duration.ofSeconds(2));
    assertThat(pg.connections(null, "chaos")).isEqualTo(80);
    assertThat(pg.connections("idle", "chaos")).isEqualTo(80);
    assertThat(pg.connections(null, null)).isEqualTo(98);
    // 20 slots left for the applications' 18: nobody waits, the error rate stays
    assertThat(errorRate()).isCloseTo(0.0002, Offset.offset(1e-9));

    PgWorld.Hold more = pg.holdConnections(30, "more", null);
    assertThat(more.count()).isEqualTo(20); // every slot the first hold left
    world.clock().sleep(Duration.ofSeconds(1));
    // no slot left: every request that needs PostgreSQL waits the pool's 1s and fails, and
    // every gateway request needs the backend, which needs PostgreSQL
    assertThat(pg.connections(null, "backend")).isZero();
    assertThat(errorRate()).isGreaterThan(0.99);

    pg.release(hold);
    assertThat(pg.connections(null, "chaos")).isZero();
    assertThat(pg.terminate("more")).isEqualTo(20);
    assertThat(pg.connections(null, null)).isEqualTo(18);
    assertThat(errorRate()).isCloseTo(0.0003, Offset.offset(1e-9));
  }

  @Test
  void theErrorRateIsSizedByHowFarTheDemandIsOverTheLimit() throws InterruptedException {
    // 90 held leave 10 slots for the 18 the applications need: 44% of their queries find
    // none; the backend retries once (0.44^2 = 19% of its requests fail) and the gateway
    // retries the backend (3.8%); the gateway's own queries on cache misses (20% of its
    // requests) are not retried (8.9%): about 12.5%
    pg.holdConnections(90, "chaos", null);
    world.clock().sleep(Duration.ofSeconds(2));
    double ninety = errorRate();
    assertThat(ninety).isBetween(0.10, 0.15);
    assertThat(world.prometheus().scalar("chaos:app:db_refused:ratio1m")).isCloseTo(1 - 10.0 / 18,
        Offset.offset(1e-9));
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isGreaterThan(1.0);
    pg.holdConnections(5, "chaos", null);
    world.clock().sleep(Duration.ofSeconds(1));
    assertThat(errorRate()).isGreaterThan(ninety);
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
