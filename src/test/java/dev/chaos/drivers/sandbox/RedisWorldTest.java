package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RedisWorldTest {
  private final World world = WorldLoader.defaultWorld();
  private final RedisWorld redis = world.redis();

  private double errorRate() {
    return world.prometheus().scalar("chaos:slo:error_rate:1m");
  }

  @Test
  void failoverPromotesTheReplicaAfterTheFailoverTime() throws InterruptedException {
    Results.Address old = redis.master("mymaster");
    assertThat(old.host()).startsWith("redis-master-0");
    redis.failover("mymaster");
    assertThat(redis.master("mymaster")).isEqualTo(old);
    assertThat(redis.info("replication")).containsEntry("master_failover_state",
        "failover-in-progress");
    // 0.3% of the cache's commands fail while it lasts, and the gateway falls back to
    // PostgreSQL for them: users see no error
    assertThat(errorRate()).isCloseTo(0.0002, Offset.offset(1e-9));
    assertThatThrownBy(() -> redis.failover("mymaster")).hasMessageStartingWith("INPROG");

    world.clock().sleep(Duration.ofSeconds(7));
    assertThat(redis.master("mymaster")).isEqualTo(old);
    world.clock().sleep(Duration.ofSeconds(1)); // failover_time is 8s
    Results.Address promoted = redis.master("mymaster");
    assertThat(promoted).isNotEqualTo(old);
    assertThat(promoted.host()).startsWith("redis-replica-0");
    assertThat(redis.info("replication")).containsEntry("master_failover_state", "no-failover");
    assertThat(errorRate()).isCloseTo(0.0003, Offset.offset(1e-9));

    // a second failover moves the role back: the old master rejoined as a replica
    redis.failover("mymaster");
    world.clock().sleep(Duration.ofSeconds(8));
    assertThat(redis.master("mymaster")).isEqualTo(old);
  }

  @Test
  void aMasterWhosePodIsKilledIsDownUntilSentinelPromotesTheReplica()
      throws InterruptedException {
    Results.Address old = redis.master("mymaster");
    assertThat(world.prometheus().scalar("chaos:app:cache_hit_ratio:1m")).isCloseTo(0.8,
        Offset.offset(1e-9));
    // the misses, of the requests that got past the gateway's own 0.01% of errors
    assertThat(world.prometheus().scalar("chaos:app:cache_fallback:ratio1m")).isCloseTo(0.2,
        Offset.offset(1e-4));
    K8sWorld k8s = world.k8s("");
    k8s.killPods(k8s.selector("llm-marketplace", "statefulset.kubernetes.io/pod-name=redis-master-0"), 1, Duration.ZERO);
    assertThatThrownBy(() -> redis.get("session:count"))
        .hasMessageStartingWith("redis master redis-master-0");
    // the gateway reads from PostgreSQL meanwhile: slower, no error; its signals say so
    assertThat(errorRate()).isCloseTo(0.0002, Offset.offset(1e-9));
    assertThat(world.prometheus().scalar("chaos:app:cache_hit_ratio:1m")).isZero();
    assertThat(world.prometheus().scalar("chaos:app:cache_fallback:ratio1m")).isCloseTo(1.0,
        Offset.offset(1e-3));
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isGreaterThan(0.18);
    world.clock().sleep(Duration.ofSeconds(7));
    assertThat(redis.master("mymaster")).isEqualTo(old);
    world.clock().sleep(Duration.ofSeconds(1)); // failover_time is 8s
    assertThat(redis.master("mymaster").host()).startsWith("redis-replica-0");
    assertThat(redis.get("session:count")).isEqualTo("1842"); // replication kept the keys
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isCloseTo(0.18,
        Offset.offset(1e-9));
    // the old master's pod is back after its 10s: it rejoins as a replica
    world.clock().sleep(Duration.ofSeconds(15));
    assertThat(redis.master("mymaster").host()).startsWith("redis-replica-0");
  }

  @Test
  void aMasterBackBeforeTheFailoverTimeKeepsItsRole() throws Exception {
    Results.Address old = redis.master("mymaster");
    WorldSpec spec = WorldLoader.loadDefault();
    World quick = WorldLoader.create(WorldLoader.parse(new String(
        getClass().getResourceAsStream("/sandbox/default-world.yaml").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replace("failover_time: 8s",
            "failover_time: 30s"), "w.yaml"));
    K8sWorld k8s = quick.k8s("");
    k8s.killPods(k8s.selector("llm-marketplace", "statefulset.kubernetes.io/pod-name=redis-master-0"), 1, Duration.ZERO);
    quick.clock().sleep(Duration.ofSeconds(20)); // the pod is back after 10s, before 30s
    assertThat(quick.redis().master("mymaster")).isEqualTo(old);
    assertThat(quick.redis().get("session:count")).isEqualTo("1842");
    assertThat(spec.redis().failoverTime()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void replicaofNoOnePromotesAtOnce() {
    Results.Address old = redis.master("mymaster");
    redis.replicaofNoOne("redis-replica-0.redis.llm-marketplace.svc.cluster.local:6379");
    assertThat(redis.master("mymaster")).isNotEqualTo(old);
    assertThatThrownBy(() -> redis.replicaofNoOne("nowhere:6379"))
        .hasMessage("no Redis node nowhere:6379 in the sandbox world");
    assertThatThrownBy(() -> redis.master("othermaster"))
        .hasMessage("ERR No such master with that name: othermaster");
  }

  @Test
  void keysExpireAndRestore() throws InterruptedException {
    int size = redis.dbsize();
    Optional<RedisWorld.Entry> before = redis.snapshot("chaos:probe");
    assertThat(before).isEmpty();
    redis.set("chaos:probe", "ok", Duration.ofSeconds(30));
    assertThat(redis.get("chaos:probe")).isEqualTo("ok");
    assertThat(redis.dbsize()).isEqualTo(size + 1);
    assertThat(redis.info("keyspace").get("db0")).startsWith("keys=" + (size + 1) + ",expires=1");
    world.clock().sleep(Duration.ofSeconds(30));
    assertThat(redis.exists("chaos:probe")).isFalse();
    assertThat(redis.get("chaos:probe")).isEmpty();

    Optional<RedisWorld.Entry> saved = redis.snapshot("session:count");
    assertThat(redis.del("session:count")).isTrue();
    assertThat(redis.del("session:count")).isFalse();
    redis.restore("session:count", saved);
    assertThat(redis.get("session:count")).isEqualTo("1842");
    assertThat(redis.info("stats")).containsEntry("keyspace_hits", "2")
        .containsEntry("keyspace_misses", "1");
    redis.flushall();
    assertThat(redis.dbsize()).isZero();
    assertThat(redis.ping()).isEqualTo(Duration.ofMillis(1));
  }
}
